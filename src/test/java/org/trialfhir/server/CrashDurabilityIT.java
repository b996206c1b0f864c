package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.Tokens;

/**
 * The packaged server, killed with SIGKILL right after answering 201, still has the resource when started again
 * on the same data directory; a normal stop also stops its embedded PostgreSQL.
 */
class CrashDurabilityIT {

	static final Path JAR = Path.of("target", "trialfhir.jar");
	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aCreatedResourceSurvivesKillMinus9() throws Exception {
		assertThat(JAR).as("run by failsafe after package").exists();
		Path dataDir = Files.createTempDirectory(Path.of("target"), "crash-pg").toAbsolutePath();
		int port = freePort();
		Process first = startServer(dataDir, port);
		String location;
		try {
			HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base(port) + "/Patient"))
					.header("Content-Type", "application/fhir+json")
					.header("Authorization", "Bearer " + adminToken(port))
					.POST(HttpRequest.BodyPublishers.ofString(
							"{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\"kill-9\"}]}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(created.statusCode()).isEqualTo(201);
			location = created.headers().firstValue("Location").orElseThrow().replaceAll("/_history/.*", "");
		} finally {
			first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
		}

		Process second = startServer(dataDir, port);
		try {
			HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(location))
							.header("Authorization", "Bearer " + adminToken(port)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(read.statusCode()).isEqualTo(200);
			assertThat(read.body()).contains("kill-9");
		} finally {
			second.destroy(); // SIGTERM: graceful shutdown
			second.waitFor();
		}
		assertThat(dataDir.resolve("postmaster.pid")).as("graceful stop stops PostgreSQL").doesNotExist();
	}

	Process startServer(Path dataDir, int port) throws Exception {
		Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + port + "-" + System.nanoTime() + ".log");
		Process process = new ProcessBuilder(List.of(javaBinary(), "-Xmx1g", "-jar", JAR.toString(),
				"--server.port=" + port,
				"--trialfhir.embedded-postgres.data-dir=" + dataDir,
				"--logging.structured.format.console="))
				.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
		while (Instant.now().isBefore(deadline)) {
			assertThat(process.isAlive()).as("server process running, see %s", log).isTrue();
			try {
				HttpResponse<String> health = http.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return process;
				}
			} catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(1000);
		}
		process.destroyForcibly();
		throw new AssertionError("server did not start, see " + log);
	}

	/** Each server process signs with its own generated key: fetch a token from the one running now. */
	static String adminToken(int port) {
		return Tokens.fetch(port, TestRole.ADMIN.clientId, TestRole.ADMIN.secret(), null);
	}

	static String base(int port) {
		return "http://localhost:" + port + "/fhir";
	}

	static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
