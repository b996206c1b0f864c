package org.trialfhir.server;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the cluster lives; kept across restarts
 * @param durable fsync and synchronous_commit on (zonky turns both off by default); tests may switch it off
 * @param database the database created inside the cluster for TrialFHIR
 */
@ConfigurationProperties("trialfhir.embedded-postgres")
public record EmbeddedPostgresProperties(Path dataDir, Boolean durable, String database) {

	public EmbeddedPostgresProperties {
		dataDir = dataDir == null ? Path.of("data", "postgres") : dataDir;
		durable = durable == null || durable;
		database = database == null ? "trialfhir" : database;
	}
}
