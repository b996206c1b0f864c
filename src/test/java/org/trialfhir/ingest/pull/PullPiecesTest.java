package org.trialfhir.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigDecimal;
import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.http.message.BasicHeader;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

/** The small rules of the pull, each checked by hand. */
class PullPiecesTest {

	static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	@Test
	void retryAfterInSecondsOrAsAnHttpDate() {
		assertThat(RetryAfterException.parse(new BasicHeader("Retry-After", "120"), NOW))
				.contains(Duration.ofSeconds(120));
		// RFC 9110 example format; 90 s after NOW
		assertThat(RetryAfterException.parse(new BasicHeader("Retry-After", "Fri, 1 May 2026 12:01:30 GMT"), NOW))
				.contains(Duration.ofSeconds(90));
		assertThat(RetryAfterException.parse(new BasicHeader("Retry-After", "Fri, 1 May 2026 11:00:00 GMT"), NOW))
				.contains(Duration.ZERO); // a date in the past: now
		assertThat(RetryAfterException.parse(new BasicHeader("Retry-After", "soon"), NOW)).isEmpty();
		assertThat(RetryAfterException.parse(null, NOW)).isEmpty();
	}

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

	@Test
	void authSecretsAreMaskedWhenPrinted() {
		EhrAuth auth = new EhrAuth(EhrAuth.AuthType.CLIENT_CREDENTIALS, "user", "pw-123", "tok-456",
				URI.create("https://ehr.example/token"), "client", "secret-789", "scope", null, null,
				"-----BEGIN PRIVATE KEY-----abc", null, "store-000", null);
		EhrSource source = new EhrSource("a", URI.create("https://ehr.example/fhir"), "urn:mrn", auth, null, null, null,
				null, null, null);
		assertThat(source.toString()).contains("[masked]")
				.doesNotContain("pw-123", "tok-456", "secret-789", "BEGIN PRIVATE KEY", "store-000");
	}

	@Test
	void unitsOnTheAcceptedListPassAndOthersAreRejectedWithTheListInTheReason() {
		TrialVariableUnits units = new TrialVariableUnits();
		Coding platelets = new Coding("http://loinc.org", "777-3", null);
		assertThat(units.rejection(platelets, ucum("10*4/uL"))).isEmpty();
		assertThat(units.rejection(platelets, ucum("mg"))).contains("unit 'mg' is not accepted for platelets "
				+ "(LOINC 777-3); use 10*9/L, 10*3/uL, 10*3/mm3, 10*4/uL, /uL, /mm3 with system http://unitsofmeasure.org");
		Quantity notUcum = new Quantity().setValue(BigDecimal.ONE).setSystem("http://local.example/units").setCode("10*4/uL");
		assertThat(units.rejection(platelets, notUcum)).get().asString().contains("(system http://local.example/units)");
		assertThat(units.followed(new Coding("http://loinc.org", "2339-0", null))).isFalse(); // glucose: not followed
	}

	@Test
	void theCursorFollowsSortedPagesAndWaitsForTheEndOfTheChainOtherwise() {
		SearchPull.CursorTracker sorted = new SearchPull.CursorTracker();
		sorted.seen(List.of(updatedAt(10), updatedAt(20)));
		sorted.seen(List.of(updatedAt(20), updatedAt(30)));
		assertThat(sorted.sorted()).isTrue();
		assertThat(sorted.newest()).contains(NOW.plusSeconds(30));

		SearchPull.CursorTracker unsorted = new SearchPull.CursorTracker();
		unsorted.seen(List.of(updatedAt(30)));
		unsorted.seen(List.of(updatedAt(10)));
		assertThat(unsorted.sorted()).isFalse();
		assertThat(unsorted.newest()).contains(NOW.plusSeconds(30));
	}

	@Test
	void backoffDoublesFromTheInitialWaitUpToTheCapWithJitterInTheUpperHalf() {
		EhrSource.RetryPolicy policy = new EhrSource.RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000),
				null);
		Retrier retrier = new Retrier(policy, Optional::empty, d -> {}, (what, fault, attempt, wait, failure) -> {},
				new java.util.Random(1));
		// d = 100·2^(n-1) ms capped at 1000: 100, 200, 400, 800, 1000, 1000; each wait in [d/2, d]
		long[] ceilings = {100, 200, 400, 800, 1000, 1000};
		for (int attempt = 1; attempt <= ceilings.length; attempt++) {
			for (int draw = 0; draw < 50; draw++) {
				assertThat(retrier.backoff(attempt).toMillis()).isBetween(ceilings[attempt - 1] / 2, ceilings[attempt - 1]);
			}
		}
	}

	private static Quantity ucum(String code) {
		return new Quantity().setValue(BigDecimal.ONE).setSystem("http://unitsofmeasure.org").setCode(code);
	}

	private static IBaseResource updatedAt(long seconds) {
		Observation observation = new Observation();
		observation.getMeta().setLastUpdated(Date.from(NOW.plusSeconds(seconds)));
		return observation;
	}
}
