package org.trialfhir.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL for the peer (the HAPI JPA starter): the same zonky binaries and the same durable settings as the
 * server's embedded one, so that the peer and TrialFHIR write to equal databases. Prints its port, creates database
 * {@code hapi}, and runs until killed.
 *
 * <p>Arguments: data directory
 */
public final class PeerPostgres {

	public static void main(String[] args) throws Exception {
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(Path.of(args[0]))
				.setCleanDataDirectory(true)
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("max_connections", "100")
				.setPGStartupWait(Duration.ofSeconds(60))
				.start();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE hapi");
		}
		System.out.println("Peer PostgreSQL on port " + postgres.getPort());
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				postgres.close();
			} catch (Exception e) {
				// stopping anyway
			}
		}));
		Thread.currentThread().join();
	}
}
