package org.trialfhir.bulkimport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A web server on localhost that serves NDJSON files, redirects, and can hold a file back until released. */
final class NdjsonHost implements AutoCloseable {

	private final HttpServer server;
	private final Map<String, String> files = new ConcurrentHashMap<>();
	private final Map<String, String> redirects = new ConcurrentHashMap<>();
	private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
	final List<String> requested = new CopyOnWriteArrayList<>();

	NdjsonHost() throws IOException {
		server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		server.createContext("/", exchange -> {
			String path = exchange.getRequestURI().getPath();
			requested.add(path);
			try (exchange) {
				CountDownLatch hold = holds.get(path);
				if (hold != null) {
					hold.await(2, TimeUnit.MINUTES);
				}
				if (redirects.containsKey(path)) {
					exchange.getResponseHeaders().add("Location", redirects.get(path));
					exchange.sendResponseHeaders(302, -1);
					return;
				}
				String body = files.get(path);
				if (body == null) {
					exchange.sendResponseHeaders(404, -1);
					return;
				}
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/fhir+ndjson");
				exchange.sendResponseHeaders(200, bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		server.start();
	}

	/** The URL at which the file is served. */
	String serve(String path, String ndjson) {
		files.put(path, ndjson);
		return url(path);
	}

	String redirect(String path, String location) {
		redirects.put(path, location);
		return url(path);
	}

	/** The file's requests wait until the returned latch is counted down. */
	CountDownLatch hold(String path) {
		CountDownLatch latch = new CountDownLatch(1);
		holds.put(path, latch);
		return latch;
	}

	String url(String path) {
		return "http://localhost:" + server.getAddress().getPort() + path;
	}

	@Override
	public void close() {
		holds.values().forEach(CountDownLatch::countDown);
		server.stop(0);
	}
}
