package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.Tokens;

/**
 * The packaged server in its default (durable) configuration, killed with SIGKILL together with its embedded
 * PostgreSQL right after answering 201, still has the resource when started again on the same data directory; a
 * normal stop also stops its embedded PostgreSQL.
 *
 * <p>Killing processes cannot lose what the operating system has already been handed, so the kill alone would pass
 * with {@code fsync} off (a power cut would not): the test also reads the running PostgreSQL's settings. The kill does
 * lose what is only in PostgreSQL's shared memory, i.e. commits acknowledged before their WAL was written, as with
 * {@code synchronous_commit} off.
 */
public class CrashDurabilityIT {

	static final Path JAR = Path.of("target", "trialfhir.jar");
	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aCreatedResourceSurvivesKillMinus9OfTheServerAndItsPostgres() throws Exception {
		assertThat(JAR).as("run by failsafe after package").exists();
		Path dataDir = Files.createTempDirectory(Path.of("target"), "crash-pg").toAbsolutePath();
		int port = freePort();
		Process first = startServer(dataDir, port);
		String location;
		try {
			assertThat(durabilitySettings(dataDir)).as("the default configuration's embedded PostgreSQL")
					.isEqualTo(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
			HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base(port) + "/Patient"))
					.header("Content-Type", "application/fhir+json")
					.header("Authorization", "Bearer " + adminToken(port))
					.POST(HttpRequest.BodyPublishers.ofString(
							"{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\"kill-9\"}]}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(created.statusCode()).isEqualTo(201);
			location = created.headers().firstValue("Location").orElseThrow().replaceAll("/_history/.*", "");
		} finally {
			killEverything(first, dataDir);
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
		// the default (durable) configuration, plus the demo clients for a token
		Process process = new ProcessBuilder(List.of(javaBinary(), "-Xmx1g", "-jar", JAR.toString(),
				"--spring.profiles.active=demo-clients",
				"--server.port=" + port,
				"--trialfhir.embedded-postgres.data-dir=" + dataDir,
				"--logging.structured.format.console="))
				.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build();
		try {
			await().atMost(Duration.ofMinutes(8)) // generous: a loaded CI machine
					.pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(IOException.class)
					.until(() -> {
						assertThat(process.isAlive()).as("server process running, see %s", log).isTrue();
						return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
					});
			return process;
		} catch (ConditionTimeoutException e) {
			process.destroyForcibly();
			throw new AssertionError("server did not start, see " + log, e);
		}
	}

	/**
	 * SIGKILL, all at once, to the server and its child processes and to the postmaster and every PostgreSQL process
	 * (pg_ctl daemonises the postmaster, so it is not the server's descendant): no shutdown hook, no checkpoint.
	 */
	public static void killEverything(Process server, Path dataDir) throws Exception {
		ProcessHandle postmaster = ProcessHandle.of(postmasterPid(dataDir)).orElseThrow();
		List<ProcessHandle> processes = Stream.of(Stream.of(server.toHandle()), server.toHandle().descendants(),
				Stream.of(postmaster), postmaster.descendants()).flatMap(s -> s).toList();
		processes.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : processes) {
			process.onExit().get(1, TimeUnit.MINUTES);
		}
		assertThat(postmaster.isAlive()).isFalse();
	}

	/** {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} of the running embedded PostgreSQL. */
	static Map<String, String> durabilitySettings(Path dataDir) throws Exception {
		int port = Integer.parseInt(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).trim());
		Map<String, String> settings = new HashMap<>();
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port
				+ "/postgres?user=postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN "
						+ "('fsync', 'synchronous_commit', 'full_page_writes')")) {
			while (rows.next()) {
				settings.put(rows.getString(1), rows.getString(2));
			}
		}
		return settings;
	}

	public static long postmasterPid(Path dataDir) throws IOException {
		return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
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
