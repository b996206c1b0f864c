package org.trialfhir.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.trialfhir.errors.OperationOutcomes;
import org.trialfhir.errors.TrialFhirException;

/**
 * Refuses FHIR request bodies over {@code trialfhir.server.max-request-size} with 413 and an OperationOutcome,
 * before HAPI parses them. Servlet containers only limit form posts, not FHIR bodies.
 *
 * <p>The limit applies to the bytes HAPI parses: a {@code Content-Encoding: gzip} body is inflated here, never
 * further than the limit, and passed on inflated without the header. This is the only place request bodies are
 * inflated (HAPI's own, unbounded, inflation is switched off in {@link FhirRestfulServerConfig}), so a few KB of gzip
 * that would inflate to gigabytes are refused after reading one limit's worth.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;
	private final FhirContext fhirContext;

	RequestSizeLimitFilter(FhirServerProperties properties, FhirContext fhirContext) {
		this.maxBytes = properties.maxRequestSize().toBytes();
		this.fhirContext = fhirContext;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean encoded = isEncoded(request);
		if (!encoded && request.getContentLengthLong() >= 0 && request.getContentLengthLong() <= maxBytes) {
			chain.doFilter(request, response); // the container reads exactly the declared length
			return;
		}
		HttpServletRequest checked;
		try {
			checked = new BufferedBodyRequest(request, boundedBody(request, encoded));
		} catch (TrialFhirException refused) {
			OperationOutcomes.write(response, fhirContext, refused);
			return;
		}
		chain.doFilter(checked, response);
	}

	/** The body as HAPI should parse it: read (and inflated) up to the limit, refused beyond it. */
	private byte[] boundedBody(HttpServletRequest request, boolean encoded) throws IOException {
		if (request.getContentLengthLong() > maxBytes) {
			throw tooLarge();
		}
		byte[] body = readAtMost(request.getInputStream());
		if (!encoded || body.length == 0) {
			return body;
		}
		String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING).strip().toLowerCase(Locale.ROOT);
		if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
			throw new TrialFhirException(TrialFhirException.Kind.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '" + encoding
					+ "' is not supported: send the body uncompressed or with Content-Encoding gzip.");
		}
		try (InputStream inflating = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return readAtMost(inflating);
		} catch (IOException notGzip) {
			throw TrialFhirException.invalid(null,
					"The body is not valid gzip data although Content-Encoding is gzip: " + notGzip.getMessage());
		}
	}

	private byte[] readAtMost(InputStream in) throws IOException {
		byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE));
		if (bytes.length > maxBytes) {
			throw tooLarge();
		}
		return bytes;
	}

	private static boolean isEncoded(HttpServletRequest request) {
		String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
		return encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity");
	}

	private TrialFhirException tooLarge() {
		return new TrialFhirException(TrialFhirException.Kind.PAYLOAD_TOO_LARGE,
				"Request body exceeds the limit of " + maxBytes + " bytes (trialfhir.server.max-request-size, "
						+ "after gzip inflation); split the bundle into smaller transactions.");
	}

	/** The checked body, decoded: without Content-Encoding, with its real length. */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public String getHeader(String name) {
			return isContentEncoding(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isContentEncoding(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
					.filter(name -> !isContentEncoding(name)).toList());
		}

		private static boolean isContentEncoding(String name) {
			return HttpHeaders.CONTENT_ENCODING.equalsIgnoreCase(name);
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous body only");
				}
			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}
