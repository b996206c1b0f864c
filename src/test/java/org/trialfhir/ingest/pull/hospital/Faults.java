package org.trialfhir.ingest.pull.hospital;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The switchable fault injector: faults queued for the next Observation search pages (first pages and next links) or
 * the next Bulk Data file downloads, each used once; or one fault for every such request until cleared.
 */
public final class Faults implements Filter {

	/** Which requests a fault hits. */
	public enum Target {
		OBSERVATION_PAGES,
		EXPORT_FILES
	}

	/** A fault and its parameter. */
	public record Fault(Kind kind, int status, Duration delay, UnaryOperator<String> rewrite) {
		Fault(Kind kind, int status, Duration delay) {
			this(kind, status, delay, null);
		}
	}

	/** What the hospital does wrong. */
	public enum Kind {
		SERVER_ERROR,
		TOO_MANY_REQUESTS,
		SLOW,
		MALFORMED,
		DROP,
		/** The body as the hospital's server wrote it, changed as text (what a hand-made interface might send). */
		REWRITE,
		/** No fault: lets one request through, to space faults out. */
		PASS
	}

	public static Fault serverError(int status) {
		return new Fault(Kind.SERVER_ERROR, status, Duration.ZERO);
	}

	public static Fault tooManyRequests(Duration retryAfter) {
		return new Fault(Kind.TOO_MANY_REQUESTS, 429, retryAfter);
	}

	public static Fault slow(Duration delay) {
		return new Fault(Kind.SLOW, 200, delay);
	}

	/** A 200 whose FHIR JSON body is cut off: a malformed page. */
	public static Fault malformed() {
		return new Fault(Kind.MALFORMED, 200, Duration.ZERO);
	}

	public static Fault pass() {
		return new Fault(Kind.PASS, 200, Duration.ZERO);
	}

	/** Headers and half the body, then the connection is dropped. */
	public static Fault drop() {
		return new Fault(Kind.DROP, 200, Duration.ZERO);
	}

	/** The page's JSON, changed as text by {@code change}. */
	public static Fault rewrite(UnaryOperator<String> change) {
		return new Fault(Kind.REWRITE, 200, Duration.ZERO, change);
	}

	private final Map<Target, Queue<Fault>> queued = new ConcurrentHashMap<>();
	private final Map<Target, Fault> always = new ConcurrentHashMap<>();
	private final Map<Target, AtomicInteger> requests = new ConcurrentHashMap<>();
	private final AtomicInteger injected = new AtomicInteger();

	public Faults next(Target target, Fault... faults) {
		queue(target).addAll(java.util.List.of(faults));
		return this;
	}

	public Faults always(Target target, Fault fault) {
		always.put(target, fault);
		return this;
	}

	public void clear() {
		queued.clear();
		always.clear();
	}

	public int requests(Target target) {
		return requests.computeIfAbsent(target, t -> new AtomicInteger()).get();
	}

	public int injected() {
		return injected.get();
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		HttpServletResponse response = (HttpServletResponse) res;
		Target target = targetOf(request);
		Fault fault = null;
		if (target != null) {
			requests.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
			fault = always.containsKey(target) ? always.get(target) : queue(target).poll();
		}
		if (fault == null) {
			chain.doFilter(request, response);
			return;
		}
		if (fault.kind() == Kind.PASS) {
			chain.doFilter(request, response);
			return;
		}
		injected.incrementAndGet();
		switch (fault.kind()) {
			case PASS -> throw new IllegalStateException("handled above");
			case SERVER_ERROR -> write(response, fault.status(), "application/fhir+json",
					"{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"exception\"}]}");
			case TOO_MANY_REQUESTS -> {
				response.setHeader("Retry-After", String.valueOf(fault.delay().toSeconds()));
				write(response, 429, "application/fhir+json", "{\"resourceType\":\"OperationOutcome\"}");
			}
			case SLOW -> {
				sleep(fault.delay());
				chain.doFilter(request, response);
			}
			case MALFORMED -> write(response, 200, "application/fhir+json",
					"{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":{\"resourceType\":");
			case REWRITE -> {
				Buffered buffered = new Buffered(response);
				chain.doFilter(new Uncompressed(request), buffered);
				String body = fault.rewrite().apply(new String(buffered.bytes(), StandardCharsets.UTF_8));
				write(response, buffered.getStatus(), buffered.getContentType(), body);
			}
			case DROP -> {
				Buffered buffered = new Buffered(response);
				chain.doFilter(request, buffered);
				byte[] body = buffered.bytes();
				response.setStatus(buffered.getStatus());
				response.setContentType(buffered.getContentType());
				response.setContentLength(body.length);
				response.getOutputStream().write(body, 0, body.length / 2);
				response.flushBuffer();
				throw new IOException("fault injector: connection dropped mid-body");
			}
		}
	}

	private static Target targetOf(HttpServletRequest request) {
		String path = request.getRequestURI();
		String query = request.getQueryString() == null ? "" : request.getQueryString();
		if ("GET".equals(request.getMethod()) && (path.endsWith("/fhir/Observation") || query.contains("_getpages"))) {
			return Target.OBSERVATION_PAGES;
		}
		return path.contains("/bulk-files/") ? Target.EXPORT_FILES : null;
	}

	private Queue<Fault> queue(Target target) {
		return queued.computeIfAbsent(target, t -> new ConcurrentLinkedQueue<>());
	}

	static void write(HttpServletResponse response, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		response.setStatus(status);
		response.setContentType(contentType);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** The request without Accept-Encoding, so that the server answers in text that can be rewritten. */
	private static final class Uncompressed extends HttpServletRequestWrapper {

		Uncompressed(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return "Accept-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return "Accept-Encoding".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}
	}

	/** Collects a response's body so that only part of it can be sent. */
	private static final class Buffered extends HttpServletResponseWrapper {
		private final ByteArrayOutputStream body = new ByteArrayOutputStream();
		private PrintWriter writer;

		Buffered(HttpServletResponse response) {
			super(response);
		}

		byte[] bytes() {
			if (writer != null) {
				writer.flush();
			}
			return body.toByteArray();
		}

		@Override
		public ServletOutputStream getOutputStream() {
			return new ServletOutputStream() {
				@Override
				public void write(int b) {
					body.write(b);
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setWriteListener(WriteListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public PrintWriter getWriter() {
			if (writer == null) {
				writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
			}
			return writer;
		}

		@Override
		public void setContentLength(int len) {}

		@Override
		public void setContentLengthLong(long len) {}

		@Override
		public void flushBuffer() {}
	}
}
