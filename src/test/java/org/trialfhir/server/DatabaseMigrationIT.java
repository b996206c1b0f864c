package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrationLock;
import ca.uhn.fhir.jpa.migrate.HapiMigrationStorageSvc;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.dao.HapiMigrationDao;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * The schema is migrated, never generated (docs/database.md). The test server started on an empty database, so its
 * database is what migrating an empty one gives; a database as the last release before versioned migrations left it
 * ({@code database/release-before-migrations.sql}: Hibernate's hbm2ddl=update and idempotent SQL scripts) is migrated
 * to the very same schema, keeps its rows, and a restart on it has nothing left to do.
 */
@TrialFhirServerTest
class DatabaseMigrationIT {

	/** Tables, columns, indexes, constraints, sequences and triggers of the current schema, one line each. */
	private static final String SCHEMA = """
			SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
			        || coalesce('(' || character_maximum_length || ')', '') || ' nullable=' || is_nullable
			        || coalesce(' default ' || column_default, '')
			FROM information_schema.columns WHERE table_schema = current_schema()
			UNION ALL
			SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
			UNION ALL
			SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
			FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
			UNION ALL
			SELECT 'sequence ' || sequence_name || ' increment ' || increment
			FROM information_schema.sequences WHERE sequence_schema = current_schema()
			UNION ALL
			SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
			ORDER BY 1
			""";

	/** What the last release before migrations stored in our tables and one of HAPI's. */
	private static final String PREVIOUS_RELEASE_ROWS = """
			INSERT INTO trialfhir_audit_outbox (event_json, request_id, kind)
			    VALUES ('{"resourceType":"AuditEvent"}', '7d1c2a2e-5f3b-4c47-9a51-2f0b8b0c9e11', 'request');
			INSERT INTO trialfhir_rederive_queue (patient_id, since_ms, until_ms, due_at)
			    VALUES ('p-1', 1767607200000, 9223372036854775807, '2026-01-05T10:00:02Z');
			INSERT INTO ingest_pull_cursor (source_name, research_subject_id, last_updated)
			    VALUES ('hospital-a', 'rs-1', '2026-01-05T10:00:00Z');
			INSERT INTO ingest_pull_issue (source_name, research_subject_id, source_reference, kind, reason)
			    VALUES ('hospital-a', 'rs-1', 'Observation/9/_history/1', 'rejected', 'mg/dL is not a platelet unit');
			INSERT INTO trialfhir_allocation_slot (study_id, stratum, sequence, block_number, block_size, arm, used_at,
			        patient_id, research_subject_id)
			    VALUES ('study-1', 'site-a|jaam<6', 1, 1, 2, 'rTM', '2026-01-05T10:00:00Z', 'p-1', 'rs-1');
			INSERT INTO hfj_resource (res_id, res_type, fhir_id, res_ver, res_published, res_updated, has_tags,
			        sp_has_links, sp_coords_present, sp_date_present, sp_number_present, sp_quantity_nrml_present,
			        sp_quantity_present, sp_string_present, sp_token_present, sp_uri_present)
			    VALUES (1, 'Patient', 'p-1', 1, '2026-01-05 10:00:00', '2026-01-05 10:00:00', false,
			        false, false, false, false, false, false, false, false, false);
			""";

	private static final List<String> TABLES_WITH_ROWS = List.of("trialfhir_audit_outbox",
			"trialfhir_rederive_queue", "ingest_pull_cursor", "ingest_pull_issue", "trialfhir_allocation_slot",
			"hfj_resource");

	@Autowired
	DataSource testServerDatabase;

	@Test
	void anEmptyDatabaseIsMigratedByBothMigratorsBeforeTheServerUsesIt() {
		JdbcTemplate jdbc = new JdbcTemplate(testServerDatabase);

		assertThat(ourHistory(jdbc)).containsExactly("1 SQL trialfhir schema success=true",
				"2 SQL bulk import success=true", "3 SQL pull adjudication success=true", "4 SQL pull runs success=true",
				"5 SQL rederive debounce success=true");
		List<String> hapiHistory = hapiHistory(jdbc);
		// HAPI's first task created its whole schema; every later task up to the HAPI version we run is recorded
		assertThat(hapiHistory).first().isEqualTo("3.3.0.20180115.0 success=true");
		assertThat(hapiHistory).last().isEqualTo("8.8.0.20251208.50 success=true");
		assertThat(hapiHistory).allMatch(task -> task.endsWith("success=true"));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM hfj_resource WHERE res_type = 'SearchParameter'",
				Integer.class)).as("the server stored the trial's search parameters in HAPI's migrated tables")
				.isPositive();
	}

	@Test
	void aDatabaseOfTheLastReleaseBeforeMigrationsIsMigratedToTheSameSchemaKeepingItsRows() throws Exception {
		try (EmbeddedPostgres previousRelease = EmbeddedPostgres.builder().start()) {
			DataSource database = previousRelease.getPostgresDatabase();
			JdbcTemplate jdbc = new JdbcTemplate(database);
			runScript(database, new ClassPathResource("database/release-before-migrations.sql")
					.getContentAsString(StandardCharsets.UTF_8));
			runScript(database, PREVIOUS_RELEASE_ROWS);
			Map<String, List<Map<String, Object>>> rowsBefore = rows(jdbc);
			assertThat(rowsBefore.values()).allSatisfy(rows -> assertThat(rows).hasSize(1));
			assertThat(schema(database)).as("the release's schema differs from the migrated one")
					.isNotEqualTo(schema(testServerDatabase));

			DatabaseMigrations.migrate(database);

			assertThat(schema(database)).isEqualTo(schema(testServerDatabase));
			assertThat(rows(jdbc)).isEqualTo(rowsBefore);
			// Flyway baselined below V1 and ran it (and the later ones); HAPI's tasks are recorded as on a database
			// migrated from empty
			assertThat(ourHistory(jdbc)).containsExactly("0 BASELINE << Flyway Baseline >> success=true",
					"1 SQL trialfhir schema success=true", "2 SQL bulk import success=true",
					"3 SQL pull adjudication success=true", "4 SQL pull runs success=true",
					"5 SQL rederive debounce success=true");
			assertThat(hapiHistory(jdbc)).isEqualTo(hapiHistory(new JdbcTemplate(testServerDatabase)));
			assertThatThrownBy(() -> jdbc.update("UPDATE trialfhir_allocation_slot SET arm = 'standard care'"))
					.as("a used slot is still guarded").hasMessageContaining("is used and cannot change");

			List<String> historyAfterUpgrade = hapiHistory(jdbc);
			List<String> ourHistoryAfterUpgrade = ourHistory(jdbc);
			DatabaseMigrations.migrate(database); // the next start

			assertThat(hapiHistory(jdbc)).isEqualTo(historyAfterUpgrade);
			assertThat(ourHistory(jdbc)).as("nothing migrated twice").isEqualTo(ourHistoryAfterUpgrade);
			assertThat(schema(database)).isEqualTo(schema(testServerDatabase));
			assertThat(rows(jdbc)).isEqualTo(rowsBefore);
		}
	}

	@Test
	void aStartKilledWhileMigratingDoesNotBlockTheNextStart() throws Exception {
		try (EmbeddedPostgres empty = EmbeddedPostgres.builder().start()) {
			DataSource database = empty.getPostgresDatabase();
			DatabaseMigrations.migrate(database);
			// what HAPI's migrator writes when it starts migrating, and a killed start never deletes
			new HapiMigrationStorageSvc(new HapiMigrationDao(database, DriverTypeEnum.POSTGRES_9_4,
					SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME)).insertLockRecord("a start killed while migrating");
			JdbcTemplate jdbc = new JdbcTemplate(database);
			List<String> history = hapiHistory(jdbc);

			DatabaseMigrations.migrate(database);

			assertThat(jdbc.queryForObject("SELECT count(*) FROM \"FLY_HFJ_MIGRATION\" WHERE installed_rank = ?",
					Integer.class, HapiMigrationLock.LOCK_PID)).isZero();
			assertThat(hapiHistory(jdbc)).isEqualTo(history);
			assertThat(schema(database)).isEqualTo(schema(testServerDatabase));
		}
	}

	private static List<String> ourHistory(JdbcTemplate jdbc) {
		return jdbc.queryForList("""
				SELECT version || ' ' || type || ' ' || description || ' success=' || success
				FROM flyway_schema_history ORDER BY installed_rank
				""", String.class);
	}

	/** HAPI's applied tasks in order (its rows for the table's creation and for its lock have negative ranks). */
	private static List<String> hapiHistory(JdbcTemplate jdbc) {
		return jdbc.queryForList("""
				SELECT version || ' success=' || success FROM "FLY_HFJ_MIGRATION"
				WHERE installed_rank >= 0 ORDER BY installed_rank
				""", String.class);
	}

	private static List<String> schema(DataSource database) {
		return new JdbcTemplate(database).queryForList(SCHEMA, String.class);
	}

	private static Map<String, List<Map<String, Object>>> rows(JdbcTemplate jdbc) {
		Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
		TABLES_WITH_ROWS.forEach(table -> rows.put(table, jdbc.queryForList("SELECT * FROM " + table)));
		// V5 added the time of a queued patient's first change, for a row queued before it: the migration's time
		rows.get("trialfhir_rederive_queue").forEach(row -> {
			if (row.containsKey("first_change_at")) {
				assertThat(row.get("first_change_at")).isNotNull();
				row.remove("first_change_at");
			}
		});
		return rows;
	}

	/** A multi-statement script in one call on its own connection (a dump sets the session's search_path). */
	private static void runScript(DataSource database, String script) throws SQLException {
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(script);
		}
	}
}
