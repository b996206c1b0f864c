package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.ServerProcess;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.Tokens;
import org.trialfhir.support.TrialFixtures;

/**
 * The README's demo run started twice on one data directory, as an operator runs it (the packaged jar): data written
 * before the stop is there after the start, and neither start logs an ERROR or a stack trace — the first loads the
 * conformance resources and the demo trial, the second finds them stored and HAPI's scheduled job pre-expands the
 * stored ValueSets.
 */
class RestartIT {

	/** Generous: one start has taken several minutes on the shared, loaded CI machine. */
	static final Duration START = Duration.ofMinutes(10);
	/** A line of the plain console log at level ERROR, or a frame of a stack trace. */
	static final Pattern PROBLEM = Pattern.compile("^\\S+\\s+ERROR\\s.*|^\\s+at \\S+\\(.*\\)$|^Caused by: .*",
			Pattern.MULTILINE);
	static final Pattern EMBEDDED_POSTGRES_PORT = Pattern.compile("Embedded PostgreSQL on port (\\d+)");

	@Test
	void theDemoRestartedOnItsDataDirectoryKeepsItsDataAndLogsNoError() throws Exception {
		Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-pg").toAbsolutePath();
		String patientId;
		ServerProcess first = ServerProcess.start("restart-first", demoOn(dataDir));
		try {
			first.awaitReady(START);
			patientId = admin(first).create().resource(TrialFixtures.patient("restart-1", LocalDate.of(1944, 4, 4)))
					.execute().getId().getIdPart();
		} finally {
			first.close();
		}
		assertThat(dataDir.resolve("postmaster.pid")).as("embedded PostgreSQL stopped with the server").doesNotExist();
		assertThat(problems(first.log())).as("first start (the demo trial loaded) and stop").isEmpty();

		ServerProcess second = ServerProcess.start("restart-second", demoOn(dataDir));
		try {
			second.awaitReady(START);
			Patient patient = admin(second).read().resource(Patient.class).withId(patientId).execute();
			assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("restart-1");
			// HAPI's job pre-expands the ValueSets stored by the first start as soon as its scheduler starts
			assertThat(awaitPreExpansion(second)).as("every stored ValueSet pre-expanded").containsOnlyKeys("EXPANDED");
		} finally {
			second.close();
		}
		assertThat(problems(second.log())).as("second start, on the existing database, and stop").isEmpty();
	}

	/** The pre-expansion status of the stored ValueSets (status → how many) once none is waiting or under way. */
	static Map<String, Long> awaitPreExpansion(ServerProcess server) {
		SingleConnectionDataSource connection = embeddedPostgres(server.log());
		try {
			JdbcTemplate database = new JdbcTemplate(connection);
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
					.until(() -> expansionStatuses(database).keySet().stream()
							.noneMatch(s -> s.equals("NOT_EXPANDED") || s.equals("EXPANSION_IN_PROGRESS")));
			return expansionStatuses(database);
		} finally {
			connection.destroy();
		}
	}

	static List<String> demoOn(Path dataDir) {
		return List.of("--spring.profiles.active=demo", "--trialfhir.embedded-postgres.data-dir=" + dataDir);
	}

	/** A token of this server (never a cached one: the second start may reuse the first one's port, not its key). */
	static IGenericClient admin(ServerProcess server) {
		return FhirTestClient.withToken(server.port(),
				Tokens.fetch(server.port(), TestRole.ADMIN.clientId, TestRole.ADMIN.secret(), null));
	}

	static List<String> problems(String log) {
		return PROBLEM.matcher(log).results().map(m -> m.group()).toList();
	}

	/** A connection to the server's embedded PostgreSQL, at the port its log names. */
	static SingleConnectionDataSource embeddedPostgres(String log) {
		Matcher port = EMBEDDED_POSTGRES_PORT.matcher(log);
		assertThat(port.find()).as("the log names the embedded PostgreSQL's port").isTrue();
		return new SingleConnectionDataSource("jdbc:postgresql://localhost:" + port.group(1) + "/trialfhir", "postgres",
				"", true);
	}

	/** HAPI's pre-expansion status of the stored ValueSets: status → how many. */
	static Map<String, Long> expansionStatuses(JdbcTemplate database) {
		return database.queryForList("SELECT expansion_status FROM trm_valueset", String.class).stream()
				.collect(Collectors.groupingBy(status -> status, Collectors.counting()));
	}
}
