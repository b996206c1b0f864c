package org.trialfhir.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The server as an operator runs it: its own JVM started from the packaged jar ({@code target/trialfhir.jar}, built
 * by {@code package} before the integration tests), on a free port, its console written to
 * {@code target/server-processes/<name>.log} for diagnosis. Closing it stops the process (gracefully, then forcibly).
 */
public final class ServerProcess implements AutoCloseable {

	private static final Path JAR = Path.of("target", "trialfhir.jar");
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String name;
	private final int port;
	private final Path log;
	private final Process process;

	private ServerProcess(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	/** Starts the jar with {@code -Xmx768m --server.port=<free port>} and these arguments; does not wait. */
	public static ServerProcess start(String name, List<String> arguments) throws IOException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests with mvn verify");
		}
		int port = freePort();
		Path log = Path.of("target", "server-processes", name + ".log");
		Files.createDirectories(log.getParent());
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-jar", JAR.toString(),
				"--server.port=" + port));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("TRIALFHIR_LOG_FORMAT", ""); // plain text, for people reading the file
		ServerProcess server = new ServerProcess(name, port, log, builder.start());
		Runtime.getRuntime().addShutdownHook(new Thread(server.process::destroyForcibly)); // never outlive the tests
		return server;
	}

	public int port() {
		return port;
	}

	/** Waits until {@code /actuator/health} answers 200 (database up); fails early with the log's end if it died. */
	public void awaitHealthy(Duration timeout) {
		awaitOk("/actuator/health", timeout);
	}

	/**
	 * Waits until the readiness probe answers 200: started and every startup runner done (conformance resources, the
	 * demo trial); fails early with the log's end if it died.
	 */
	public void awaitReady(Duration timeout) {
		awaitOk("/actuator/health/readiness", timeout);
	}

	private void awaitOk(String path, Duration timeout) {
		HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.timeout(Duration.ofSeconds(5)).build();
		try {
			await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(IOException.class)
					.until(() -> {
						if (!process.isAlive()) {
							throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n"
									+ logTail());
						}
						return HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
					});
		} catch (ConditionTimeoutException e) {
			throw new IllegalStateException(name + " did not answer 200 on " + path + " within " + timeout + ":\n"
					+ logTail(), e);
		}
	}

	/** Everything the server wrote to its console so far. */
	public String log() {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy(); // SIGTERM: Spring's graceful shutdown
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	private String logTail() {
		String all = log();
		return all.substring(Math.max(0, all.length() - 4000));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
