package org.trialfhir.server;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trialfhir.hapisql.HapiSchemaMigration;

/**
 * Brings the database schema to this release's version before anything uses the database (docs/database.md): our
 * tables by Flyway ({@code db/migration/V<n>__*.sql}, history in {@code flyway_schema_history}), HAPI FHIR's tables by
 * HAPI's own migration tasks ({@link HapiSchemaMigration}). Hibernate only validates the result.
 */
final class DatabaseMigrations {

	private static final Logger log = LoggerFactory.getLogger(DatabaseMigrations.class);

	private DatabaseMigrations() {}

	/** Only while holding the startup lock ({@link StartupLock}), so that one instance migrates at a time. */
	static void migrate(DataSource dataSource) {
		long start = System.nanoTime();
		int ours = migrateOurTables(dataSource);
		int hapis = HapiSchemaMigration.migrate(dataSource);
		log.info("Database schema migrated in {} ms: {} migrations of our tables and {} tasks of HAPI FHIR's ran",
				(System.nanoTime() - start) / 1_000_000, ours, hapis);
	}

	/** @return how many migrations ran */
	private static int migrateOurTables(DataSource dataSource) {
		return Flyway.configure()
				.dataSource(dataSource)
				.locations("classpath:db/migration")
				// A database of a release before Flyway already has HAPI's tables and maybe ours, and no history:
				// Flyway refuses a non-empty schema without a baseline. The baseline is version 0, below V1, so V1
				// (idempotent) still runs on it and completes whatever that release left.
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load()
				.migrate().migrationsExecuted;
	}
}
