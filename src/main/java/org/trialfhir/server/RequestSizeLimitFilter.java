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
import org.springframework.web.filter.OncePerRequestFilter;
import org.trialfhir.errors.OperationOutcomes;
import org.trialfhir.errors.TrialFhirException;

/**
 * Refuses FHIR request bodies over {@code trialfhir.server.max-request-size} with 413 and an OperationOutcome,
 * before HAPI parses them. Servlet containers only limit form posts, not FHIR bodies.
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
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			refuse(response);
			return;
		}
		if (declared >= 0) {
			chain.doFilter(request, response);
			return;
		}
		// Chunked body of unknown length: read at most the limit, refuse if there is more.
		byte[] body = request.getInputStream().readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE));
		if (body.length > maxBytes) {
			refuse(response);
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body), response);
	}

	private void refuse(HttpServletResponse response) throws IOException {
		TrialFhirException failure = new TrialFhirException(TrialFhirException.Kind.PAYLOAD_TOO_LARGE,
				"Request body exceeds the limit of " + maxBytes + " bytes (trialfhir.server.max-request-size); "
						+ "split the bundle into smaller transactions.");
		response.setStatus(OperationOutcomes.status(failure));
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(OperationOutcomes.of(failure)));
	}

	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
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
