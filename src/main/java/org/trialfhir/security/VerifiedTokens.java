package org.trialfhir.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A bearer token's signature is checked once, not on every request: a client sends the same token with each of its
 * requests for as long as it lives, and decoding it — Base64 of header, claims and signature, the RS256 signature,
 * the claims' JSON — was the largest single cost of a single POST in our own code (docs/benchmarks.md). A token
 * decoded and validated in full is remembered by its exact text (header, claims and signature), so a remembered
 * token is the same bytes that were verified. On every use the validator (expiry, not-before, issuer, audience)
 * runs again on the remembered claims, so an expired token is refused exactly as before. A token is remembered at
 * most {@link #REMEMBERED_FOR}, no longer than Spring's own cache of an identity provider's key set, so a key the
 * provider withdraws stops its tokens as soon as before; a refused token is never remembered.
 */
final class VerifiedTokens implements JwtDecoder {

	static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
	/** Clients with a live token at once; a few KB each. */
	private static final int MAX_TOKENS = 1_000;

	private final JwtDecoder decoder;
	private final OAuth2TokenValidator<Jwt> validator;
	private final Cache<String, Jwt> verified;

	/**
	 * @param decoder checks a token in full (signature and {@code validator})
	 * @param validator the checks of the claims that depend on the time, run again on every use
	 */
	VerifiedTokens(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
		this.decoder = decoder;
		this.validator = validator;
		this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfterWrite(REMEMBERED_FOR).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		if (token == null) {
			throw new BadJwtException("no token");
		}
		Jwt known = verified.getIfPresent(token);
		if (known == null) {
			Jwt jwt = decoder.decode(token); // throws on a bad signature or claims: nothing remembered
			verified.put(token, jwt);
			return jwt;
		}
		OAuth2TokenValidatorResult result = validator.validate(known);
		if (result.hasErrors()) {
			verified.invalidate(token);
			throw new JwtValidationException("The token is no longer valid: "
					+ result.getErrors().iterator().next().getDescription(), result.getErrors());
		}
		return known;
	}
}
