package org.trialfhir.ingest.pull.transport;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.bookkeeping.PullMetrics;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.source.EhrSources;

/** One {@link SourceClient} per source configuration, kept for the life of the server (its token cache with it). */
@Component
public class SourceClients {

	private static final Logger log = LoggerFactory.getLogger(SourceClients.class);

	private final PullMetrics metrics;
	private final Map<String, SourceClient> clients = new ConcurrentHashMap<>();

	SourceClients(PullMetrics metrics, EhrSources sources) {
		this.metrics = metrics;
		sources.onChange(name -> {
			if (sources.named(name).isEmpty()) {
				close(clients.remove(name)); // a source that is gone keeps no connections or tokens
			}
		});
	}

	public SourceClient of(EhrSource source) {
		return clients.compute(source.name(), (name, existing) -> {
			if (existing != null && existing.source().equals(source)) {
				return existing;
			}
			close(existing); // the configuration changed: new client, new token
			return new SourceClient(source, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()),
					(what, fault, attempt, wait, failure) -> {
						log.info("EHR source {}: {} failed ({}, attempt {} of {}), retrying in {} ms: {}", name, what,
								fault.tag(), attempt, source.retry().maxAttempts(), wait.toMillis(), failure.getMessage());
						metrics.retry(name, fault.tag());
					});
		});
	}

	@PreDestroy
	void closeAll() {
		clients.values().forEach(SourceClients::close);
		clients.clear();
	}

	private static void close(SourceClient client) {
		if (client == null) {
			return;
		}
		try {
			client.close();
		} catch (IOException e) {
			log.debug("closing the client of source {}: {}", client.source().name(), e.getMessage());
		}
	}
}
