package org.trialfhir.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trialfhir.server.CrashDurabilityIT;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.Tokens;

/**
 * An import killed midway (SIGKILL to the server and its PostgreSQL, as a power cut) resumes when the server starts
 * again, from its first chunk not done, and ends with the trial loaded once: equal to the same trial loaded by
 * bundles, nothing created twice. The packaged server runs as a process of its own (failsafe runs after package).
 */
class ImportResumeIT {

	static final Path JAR = Path.of("target", "trialfhir.jar");
	static final Pattern PROGRESS = Pattern.compile("(\\d+) of (\\d+) chunks done");

	@Test
	void anImportKilledMidwayResumesAfterARestartAndEndsEqual(@TempDir Path dir) throws Exception {
		assertThat(JAR).as("run by failsafe after package").exists();
		SimulatedTrial imported = SimulatedTrial.generate(dir, "kila-", "--subjects", "10", "--days", "3", "--seed", "23");
		SimulatedTrial bundled = SimulatedTrial.generate(dir, "kilb-", "--subjects", "10", "--days", "3", "--seed", "23");
		Path dataDir = Files.createTempDirectory(Path.of("target"), "import-kill-pg").toAbsolutePath();
		try (NdjsonHost host = new NdjsonHost()) {
			List<String> inputs = new ArrayList<>();
			imported.ndjsonByType().forEach((type, ndjson) -> inputs.add("{\"name\":\"input\",\"part\":[{\"name\":\"type\","
					+ "\"valueCode\":\"" + type + "\"},{\"name\":\"url\",\"valueUri\":\""
					+ host.serve("/kill/" + type + ".ndjson", ndjson) + "\"}]}"));
			String kickOff = "{\"resourceType\":\"Parameters\",\"parameter\":[" + String.join(",", inputs) + "]}";

			int port = freePort();
			Process first = startServer(dataDir, port, dir);
			String pollPath;
			int doneAtKill;
			int chunks;
			try {
				String location = http(port).contentType("application/fhir+json").body(kickOff).post("/$import").then()
						.statusCode(202).extract().header("Content-Location");
				pollPath = location.substring(location.indexOf("/$import-poll-status"));
				int[] seen = new int[2];
				await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
					Response status = http(port).get(pollPath);
					assertThat(status.statusCode()).as("still running when we kill it").isEqualTo(202);
					Matcher progress = PROGRESS.matcher(status.header("X-Progress"));
					if (progress.find()) {
						seen[0] = Integer.parseInt(progress.group(1));
						seen[1] = Integer.parseInt(progress.group(2));
					}
					return seen[0] >= 2;
				});
			} finally {
				CrashDurabilityIT.killEverything(first, dataDir);
			}
			JsonPath afterKill = null;
			Process second = startServer(dataDir, port, dir);
			try {
				Response atRestart = http(port).get(pollPath);
				Matcher progress = PROGRESS.matcher(String.valueOf(atRestart.header("X-Progress")));
				assertThat(progress.find()).as("the job is not done at the restart: %s", atRestart.asString()).isTrue();
				doneAtKill = Integer.parseInt(progress.group(1));
				chunks = Integer.parseInt(progress.group(2));
				assertThat(doneAtKill).as("killed midway").isBetween(2, chunks - 1);

				Response[] last = new Response[1];
				await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500)).until(() -> {
					last[0] = http(port).get(pollPath);
					return last[0].statusCode() != 202;
				});
				last[0].then().statusCode(200);
				afterKill = last[0].jsonPath();
				assertThat(afterKill.getString("status")).isEqualTo("completed");
				assertThat(afterKill.getList("errors")).isEmpty();
				assertThat(afterKill.getList("chunks")).hasSize(chunks);
				assertThat(ImportIT.createdTotal(afterKill)).as("every resource created once").isEqualTo(imported.resources());

				for (String bundle : bundled.bundles()) {
					http(port).contentType("application/fhir+json").body(bundle).post("/").then().statusCode(200);
				}
				awaitReDerived(dataDir, "kila-");
				awaitReDerived(dataDir, "kilb-");
				IGenericClient fhir = FhirTestClient.withToken(port, token(port));
				for (int subject = 1; subject <= 10; subject++) {
					String number = String.format("p%04d", subject);
					assertThat(ImportIT.observations(fhir, "kila-", number)).as("subject %s", number).isNotEmpty()
							.containsExactlyInAnyOrderElementsOf(ImportIT.observations(fhir, "kilb-", number));
				}
				for (Map.Entry<String, String> file : imported.ndjsonByType().entrySet()) {
					if (!file.getKey().equals("Observation")) {
						for (String line : file.getValue().lines().toList()) {
							String id = FhirTestClient.context().newJsonParser().parseResource(line).getIdElement()
									.getIdPart();
							assertThat(ImportIT.canonical(ImportIT.read(fhir, file.getKey(), id), "kila-")).isEqualTo(
									ImportIT.canonical(ImportIT.read(fhir, file.getKey(), id.replace("kila-", "kilb-")),
											"kilb-"));
						}
					}
				}
			} finally {
				second.destroy();
				second.waitFor();
			}
		}
	}

	static Process startServer(Path dataDir, int port, Path logs) throws Exception {
		Path log = logs.resolve("server-" + System.nanoTime() + ".log");
		Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx1g", "-jar", JAR.toString(),
				"--spring.profiles.active=demo-clients",
				"--server.port=" + port,
				"--trialfhir.embedded-postgres.data-dir=" + dataDir,
				"--trialfhir.import.allowed-hosts=localhost",
				"--trialfhir.import.chunk-size=50",
				"--trialfhir.import.parallelism=2", // chunks of Observations written side by side when killed
				"--logging.structured.format.console="))
				.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
					.ignoreExceptionsInstanceOf(IOException.class).until(() -> {
						assertThat(process.isAlive()).as("server process running, see %s", log).isTrue();
						return RestAssured.get("http://localhost:" + port + "/actuator/health").statusCode() == 200;
					});
			return process;
		} catch (ConditionTimeoutException e) {
			process.destroyForcibly();
			throw new AssertionError("server did not start, see " + log + ":\n" + Files.readString(log), e);
		}
	}

	/** Each server process signs with its own key: a token from the one running now, never a cached one. */
	static String token(int port) {
		return Tokens.fetch(port, TestRole.ADMIN.clientId, TestRole.ADMIN.secret(), null);
	}

	static RequestSpecification http(int port) {
		return RestAssured.given().baseUri("http://localhost").port(port).basePath("/fhir")
				.header("Authorization", "Bearer " + token(port));
	}

	static void awaitReDerived(Path dataDir, String prefix) throws Exception {
		int pgPort = Integer.parseInt(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).trim());
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort
				+ "/trialfhir?user=postgres")) {
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
				try (PreparedStatement query = connection.prepareStatement(
						"SELECT count(*) FROM trialfhir_rederive_queue WHERE patient_id LIKE ?")) {
					query.setString(1, "%" + prefix + "%");
					try (ResultSet rows = query.executeQuery()) {
						rows.next();
						return rows.getInt(1) == 0;
					}
				}
			});
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
