package org.trialfhir.ingest.pull.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.trialfhir.ingest.pull.source.EhrAuth;

/** The small rules of authenticating to a source, each checked by hand. */
class AuthPiecesTest {

	static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	@Test
	void aTokenIsRenewedATenthOfItsLifetimeBeforeItExpiresButNoMoreThanAMinute() {
		// 300 s token: renew 30 s before, at 270 s
		OAuthTokens.Token fiveMinutes = new OAuthTokens.Token("t", NOW, NOW.plusSeconds(300));
		assertThat(fiveMinutes.refreshDue(NOW.plusSeconds(269))).isFalse();
		assertThat(fiveMinutes.refreshDue(NOW.plusSeconds(270))).isTrue();
		// 3600 s token: a tenth would be 360 s, capped at 60 s: renew at 3540 s
		OAuthTokens.Token hour = new OAuthTokens.Token("secret-token-value", NOW, NOW.plusSeconds(3600));
		assertThat(hour.refreshDue(NOW.plusSeconds(3539))).isFalse();
		assertThat(hour.refreshDue(NOW.plusSeconds(3540))).isTrue();
		assertThat(hour.toString()).doesNotContain("secret-token-value");
	}

	@Test
	void theClientAssertionCarriesTheSmartBackendClaims() throws Exception {
		KeyPair key = TestKeys.rsa();
		EhrAuth auth = new EhrAuth(EhrAuth.AuthType.SMART_BACKEND, null, null, null,
				URI.create("https://ehr.example/token"), "trialfhir", null, null, "RS384", "kid-7", null, null, null,
				null);
		String jwt = new ClientAssertion(auth, key.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC)).sign();

		SignedJWT parsed = SignedJWT.parse(jwt);
		assertThat(parsed.verify(new RSASSAVerifier((RSAPublicKey) key.getPublic()))).isTrue();
		assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS384);
		assertThat(parsed.getHeader().getKeyID()).isEqualTo("kid-7");
		assertThat(parsed.getHeader().getType().getType()).isEqualTo("JWT");
		var claims = parsed.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("trialfhir");
		assertThat(claims.getSubject()).isEqualTo("trialfhir");
		assertThat(claims.getAudience()).containsExactly("https://ehr.example/token");
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plusSeconds(300))); // at most 5 min ahead
		assertThat(claims.getJWTID()).isNotBlank();
		String second = new ClientAssertion(auth, key.getPrivate(), Clock.fixed(NOW, ZoneOffset.UTC)).sign();
		assertThat(SignedJWT.parse(second).getJWTClaimsSet().getJWTID()).isNotEqualTo(claims.getJWTID());
	}
}
