package org.trialfhir.ingest.pull.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.trialfhir.ingest.pull.source.EhrAuth;

/**
 * The signed JWT a SMART Backend Services client sends to the token endpoint (SMART App Launch 2.x, "Client
 * Authentication: Asymmetric"): iss = sub = client id, aud = token URL, exp at most five minutes ahead, a fresh jti,
 * header kid and typ JWT, signed RS384 or ES384.
 */
final class ClientAssertion {

	private static final Duration LIFETIME = Duration.ofMinutes(5);

	private final EhrAuth auth;
	private final JWSAlgorithm algorithm;
	private final JWSSigner signer;
	private final Clock clock;

	ClientAssertion(EhrAuth auth, PrivateKey key, Clock clock) {
		this.auth = auth;
		this.algorithm = JWSAlgorithm.parse(auth.algorithm());
		this.clock = clock;
		try {
			if (JWSAlgorithm.RS384.equals(algorithm)) {
				this.signer = new RSASSASigner(key);
			} else if (JWSAlgorithm.ES384.equals(algorithm)) {
				this.signer = new ECDSASigner((ECPrivateKey) key);
			} else {
				throw new IllegalArgumentException("SMART backend algorithm must be RS384 or ES384, not " + algorithm);
			}
		} catch (JOSEException | ClassCastException wrongKey) {
			throw new IllegalArgumentException("the signing key does not fit algorithm " + algorithm, wrongKey);
		}
		Credentials.required(auth.clientId(), "client-id");
		if (auth.tokenUrl() == null) {
			throw new IllegalArgumentException("EHR source auth needs 'token-url'");
		}
	}

	String sign() {
		Instant now = clock.instant();
		JWSHeader header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(auth.keyId()).build();
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
				.issuer(auth.clientId())
				.subject(auth.clientId())
				.audience(auth.tokenUrl().toString())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(LIFETIME)))
				.jwtID(UUID.randomUUID().toString())
				.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(signer);
		} catch (JOSEException e) {
			throw new IllegalStateException("could not sign the client assertion", e);
		}
		return jwt.serialize();
	}
}
