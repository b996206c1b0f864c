package org.trialfhir.ingest.pull.hospital;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hospital's OAuth 2.0 token endpoint: client credentials with a client secret (HTTP Basic), or with a signed
 * JWT client assertion (SMART Backend Services: RS384/ES384 checked against the registered public key; iss = sub =
 * client id, aud = this endpoint, exp at most five minutes ahead, jti never reused).
 */
public final class TokenEndpoint extends HttpServlet {

	private record Client(String secret, PublicKey key, JWSAlgorithm algorithm) {}

	private final HospitalAuth auth;
	private final Map<String, Client> clients = new ConcurrentHashMap<>();
	private final Set<String> usedJti = ConcurrentHashMap.newKeySet();
	private final AtomicInteger issued = new AtomicInteger();
	private volatile Duration lifetime = Duration.ofHours(1);
	private volatile URI url;

	TokenEndpoint(HospitalAuth auth) {
		this.auth = auth;
	}

	void url(URI url) {
		this.url = url;
	}

	public void registerSecretClient(String clientId, String secret) {
		clients.put(clientId, new Client(secret, null, null));
	}

	public void registerKeyClient(String clientId, PublicKey key, String algorithm) {
		clients.put(clientId, new Client(null, key, JWSAlgorithm.parse(algorithm)));
	}

	public void lifetime(Duration lifetime) {
		this.lifetime = lifetime;
	}

	public int issued() {
		return issued.get();
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!"client_credentials".equals(request.getParameter("grant_type"))) {
			error(response, 400, "unsupported_grant_type");
			return;
		}
		String assertion = request.getParameter("client_assertion");
		boolean authenticated = assertion != null ? assertionValid(assertion) : secretValid(request);
		if (!authenticated) {
			error(response, 401, "invalid_client");
			return;
		}
		String token = "hospital-token-" + UUID.randomUUID();
		auth.issue(token, Instant.now().plus(lifetime));
		issued.incrementAndGet();
		Faults.write(response, 200, "application/json", "{\"access_token\":\"" + token
				+ "\",\"token_type\":\"bearer\",\"expires_in\":" + lifetime.toSeconds() + ",\"scope\":\""
				+ (request.getParameter("scope") == null ? "" : request.getParameter("scope")) + "\"}");
	}

	private boolean secretValid(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.startsWith("Basic ")) {
			return false;
		}
		String[] pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8)
				.split(":", 2);
		Client client = clients.get(pair[0]);
		return pair.length == 2 && client != null && pair[1].equals(client.secret());
	}

	private boolean assertionValid(String assertion) {
		try {
			SignedJWT jwt = SignedJWT.parse(assertion);
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Client client = clients.get(claims.getIssuer());
			if (client == null || client.key() == null || !client.algorithm().equals(jwt.getHeader().getAlgorithm())) {
				return false;
			}
			JWSVerifier verifier = client.key() instanceof RSAPublicKey rsa
					? new RSASSAVerifier(rsa)
					: new ECDSAVerifier((ECPublicKey) client.key());
			Instant expires = claims.getExpirationTime().toInstant();
			return jwt.verify(verifier)
					&& claims.getIssuer().equals(claims.getSubject())
					&& claims.getAudience().contains(url.toString())
					&& expires.isAfter(Instant.now())
					&& expires.isBefore(Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(30))
					&& claims.getJWTID() != null && usedJti.add(claims.getJWTID());
		} catch (ParseException | JOSEException | RuntimeException invalid) {
			return false;
		}
	}

	private static void error(HttpServletResponse response, int status, String code) throws IOException {
		Faults.write(response, status, "application/json", "{\"error\":\"" + code + "\"}");
	}
}
