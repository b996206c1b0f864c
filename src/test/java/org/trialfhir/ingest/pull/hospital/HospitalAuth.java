package org.trialfhir.ingest.pull.hospital;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the hospital demands on its FHIR endpoint: nothing, HTTP Basic, one static bearer token, or a bearer token
 * its token endpoint issued and that has not expired. Counts the calls made with each token.
 */
public final class HospitalAuth implements Filter {

	/** The hospital's authentication rule. */
	public enum Mode {
		NONE,
		BASIC,
		STATIC_BEARER,
		ISSUED_TOKEN
	}

	private volatile Mode mode = Mode.NONE;
	private volatile String expected;
	private final Map<String, Instant> issued = new ConcurrentHashMap<>();
	private final Map<String, Integer> callsByToken = new ConcurrentHashMap<>();

	public void none() {
		mode = Mode.NONE;
	}

	public void basic(String user, String password) {
		mode = Mode.BASIC;
		expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	public void staticBearer(String token) {
		mode = Mode.STATIC_BEARER;
		expected = "Bearer " + token;
	}

	public void issuedTokens() {
		mode = Mode.ISSUED_TOKEN;
	}

	/** Forgets every issued token, as a hospital does when it rotates its keys. */
	public void revokeAll() {
		issued.clear();
	}

	void issue(String token, Instant expires) {
		issued.put(token, expires);
	}

	/** Calls to the FHIR endpoint, per bearer token used. */
	public Map<String, Integer> callsByToken() {
		return Map.copyOf(callsByToken);
	}

	public Set<String> tokensIssued() {
		return Set.copyOf(issued.keySet());
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		String header = request.getHeader("Authorization");
		if (header != null && header.startsWith("Bearer ")) {
			callsByToken.merge(header.substring(7), 1, Integer::sum);
		}
		boolean allowed = switch (mode) {
			case NONE -> true;
			case BASIC, STATIC_BEARER -> expected.equals(header);
			case ISSUED_TOKEN -> header != null && header.startsWith("Bearer ")
					&& issued.getOrDefault(header.substring(7), Instant.MIN).isAfter(Instant.now());
		};
		if (allowed) {
			chain.doFilter(req, res);
			return;
		}
		HttpServletResponse response = (HttpServletResponse) res;
		response.setHeader("WWW-Authenticate", "Bearer");
		Faults.write(response, 401, "application/fhir+json",
				"{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"login\"}]}");
	}
}
