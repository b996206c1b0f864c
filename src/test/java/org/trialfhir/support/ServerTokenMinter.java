package org.trialfhir.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Mints JWTs the way the server's embedded authorization server would (same key, from the test profile), so tests can
 * alter one claim at a time: expired, another issuer, another audience, no scope — or another key.
 */
public final class ServerTokenMinter {

	public static final String ISSUER = "http://trialfhir.test";
	public static final String AUDIENCE = "trialfhir";

	private ServerTokenMinter() {}

	public static String mint(String issuer, String audience, String scope, Instant expires, boolean serverKey) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer(issuer).subject("minted-client").audience(List.of(audience))
				.claim("client_id", "minted-client")
				.issueTime(Date.from(expires.minusSeconds(3600)))
				.notBeforeTime(Date.from(expires.minusSeconds(3600)))
				.expirationTime(Date.from(expires));
		if (scope != null) {
			claims.claim("scope", scope);
		}
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
			jwt.sign(serverKey ? new RSASSASigner(serverKey()) : new RSASSASigner(new RSAKeyGenerator(2048).generate()));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String valid(String scope) {
		return mint(ISSUER, AUDIENCE, scope, Instant.now().plusSeconds(600), true);
	}

	private static PrivateKey serverKey() {
		try (InputStream in = ServerTokenMinter.class.getResourceAsStream("/security/test-signing-key.pem")) {
			String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
					.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
		} catch (IOException | java.security.GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
