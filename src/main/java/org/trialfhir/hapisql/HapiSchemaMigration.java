package org.trialfhir.hapisql;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrationLock;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * HAPI FHIR's tables brought to this release's HAPI version by HAPI's own migration tasks (history in its table
 * {@code FLY_HFJ_MIGRATION}), with a baseline for a database whose HAPI tables Hibernate created (docs/database.md).
 * Here because it names HAPI's tables: the day HAPI changes its schema, this package breaks.
 */
public final class HapiSchemaMigration {

	/**
	 * The HAPI FHIR version of the releases that let Hibernate create and update HAPI's tables ({@code hbm2ddl=update})
	 * instead of migrating them: a database they created has HAPI's tables as of this version and no migration history.
	 */
	static final VersionEnum HIBERNATE_CREATED_HAPI_VERSION = VersionEnum.V8_8_0;

	private static final Logger log = LoggerFactory.getLogger(HapiSchemaMigration.class);

	private HapiSchemaMigration() {}

	/**
	 * Runs HAPI's migration tasks not yet in its history; only while holding the startup lock (one instance at a
	 * time).
	 *
	 * @return how many tasks ran (not those recorded as applied without running)
	 */
	public static int migrate(DataSource dataSource) {
		int ran = 0;
		if (createdByHibernate(dataSource)) {
			// HAPI's first task creates its whole schema, or, finding HFJ_RESOURCE, records it and every task after it
			// as applied without running them (but for the few marked to run even then). Given only the tasks up to
			// the version Hibernate created, that records exactly the baseline; the run below then applies the tasks
			// of later HAPI versions.
			log.info("HAPI FHIR's tables were created by Hibernate (HAPI {}): recording them as migrated to it",
					HIBERNATE_CREATED_HAPI_VERSION);
			ran += hapiMigrator(dataSource, Arrays.stream(VersionEnum.values())
					.filter(version -> !version.isNewerThan(HIBERNATE_CREATED_HAPI_VERSION))
					.toArray(VersionEnum[]::new)).migrate().succeededTasks.size();
		}
		return ran + hapiMigrator(dataSource, VersionEnum.values()).migrate().succeededTasks.size();
	}

	/** HAPI's tables are there but not its migration history: a release before migrations let Hibernate create them. */
	private static boolean createdByHibernate(DataSource dataSource) {
		// by name in any case: Hibernate created hfj_resource, HAPI creates its history table as "FLY_HFJ_MIGRATION"
		List<String> tables = new JdbcTemplate(dataSource).queryForList("""
				SELECT upper(table_name) FROM information_schema.tables
				WHERE table_schema = current_schema() AND upper(table_name) IN ('HFJ_RESOURCE', ?)
				""", String.class, SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME);
		return tables.equals(List.of("HFJ_RESOURCE"));
	}

	private static HapiMigrator hapiMigrator(DataSource dataSource, VersionEnum... versions) {
		HapiMigrator migrator = new HapiMigrator(SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, dataSource,
				DriverTypeEnum.POSTGRES_9_4);
		// no flags: HAPI's non-partitioned schema (PartitionSettings are off)
		migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(versions));
		migrator.createMigrationTableIfRequired();
		removeStaleLock(dataSource);
		return migrator;
	}

	/**
	 * HAPI's migrator locks with a row in its history table. A start killed while migrating leaves that row, and every
	 * later start would wait for it in vain, then refuse to start. This instance holds the startup lock
	 * (server/StartupLock), so no other instance is migrating: a lock row is a dead start's.
	 */
	private static void removeStaleLock(DataSource dataSource) {
		int removed = new JdbcTemplate(dataSource).update(
				"DELETE FROM \"" + SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME + "\" WHERE installed_rank = ?",
				HapiMigrationLock.LOCK_PID);
		if (removed > 0) {
			log.warn("Removed the migration lock of HAPI FHIR's tables that a start which did not finish left");
		}
	}
}
