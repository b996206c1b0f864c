package org.trialfhir.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A token is verified in full once and then known by its exact text; its expiry is checked on every use, and a token
 * that differs by one character, or that was refused, is checked in full again.
 */
class VerifiedTokensTest {

	static final Instant NOW = Instant.parse("2026-12-06T22:00:00Z");
	static final String TOKEN = "header.claims.signature";

	/** Stands for the signature check: accepts only {@link #TOKEN}, and counts its calls. */
	private final List<String> fullChecks = new ArrayList<>();
	private final JwtDecoder signatureCheck = token -> {
		fullChecks.add(token);
		if (!TOKEN.equals(token)) {
			throw new BadJwtException("bad signature");
		}
		return Jwt.withTokenValue(token).header("alg", "RS256").subject("admin-demo").issuedAt(NOW)
				.expiresAt(NOW.plus(Duration.ofMinutes(60))).build();
	};
	private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
	private final JwtTimestampValidator expiry = timestamps();

	private JwtTimestampValidator timestamps() {
		JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
		validator.setClock(new Clock() { // the test's current clock, read at each check
			@Override
			public Instant instant() {
				return clock.instant();
			}

			@Override
			public java.time.ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}
		});
		return validator;
	}

	private final VerifiedTokens tokens = new VerifiedTokens(signatureCheck, expiry);

	@Test
	void aTokenIsVerifiedInFullOnceAndThenKnownByItsText() {
		Jwt first = tokens.decode(TOKEN);
		Jwt again = tokens.decode(TOKEN);

		assertThat(fullChecks).containsExactly(TOKEN);
		assertThat(again.getSubject()).isEqualTo("admin-demo");
		assertThat(again).isSameAs(first);
	}

	@Test
	void aKnownTokenIsRefusedOnceItHasExpired() {
		tokens.decode(TOKEN);
		clock = Clock.fixed(NOW.plus(Duration.ofMinutes(61)), ZoneOffset.UTC);

		assertThatThrownBy(() -> tokens.decode(TOKEN)).isInstanceOf(JwtValidationException.class)
				.hasMessageContaining("expired");
		assertThat(fullChecks).as("refused from memory").hasSize(1);
		// and forgotten: its next use is checked in full again, where the real decoder refuses it as expired
		tokens.decode(TOKEN);
		assertThat(fullChecks).hasSize(2);
	}

	@Test
	void aTokenDifferingByOneCharacterOrRefusedIsCheckedInFullEveryTime() {
		tokens.decode(TOKEN);
		String tampered = TOKEN.substring(0, TOKEN.length() - 1) + "X";

		assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> tokens.decode(null)).isInstanceOf(BadJwtException.class);

		assertThat(fullChecks).containsExactly(TOKEN, tampered, tampered);
	}
}
