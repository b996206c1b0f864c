package org.trialfhir.ingest.pull;

import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.trialfhir.server.AdvisoryLock;

/**
 * At most one pull per source at a time, across every server instance on the same PostgreSQL: the source's advisory
 * lock, held for the whole pull.
 */
@Component
class PullLock {

	/** This feature's namespace of advisory locks ("TFPL"). */
	private static final int NAMESPACE = 0x5446504C;

	private final DataSource dataSource;

	PullLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The lock of this source, or empty when another pull holds it. */
	Optional<AdvisoryLock> tryLock(String source) {
		return AdvisoryLock.tryAcquire(dataSource, NAMESPACE, source);
	}
}
