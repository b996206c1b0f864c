package org.trialfhir.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The bearer token of the current request, as Spring Security validated it. */
public record CurrentToken(String clientId, String subject, Grants grants) {

	public static Optional<CurrentToken> get() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			return Optional.empty();
		}
		Jwt jwt = token.getToken();
		String clientId = Optional.ofNullable(jwt.getClaimAsString("client_id"))
				.or(() -> Optional.ofNullable(jwt.getClaimAsString("azp")))
				.orElse(jwt.getSubject());
		return Optional.of(new CurrentToken(clientId, jwt.getSubject(), Grants.of(scopes(jwt))));
	}

	private static Collection<String> scopes(Jwt jwt) {
		Object scope = jwt.getClaims().getOrDefault("scope", jwt.getClaims().get("scp"));
		if (scope instanceof String text) {
			return Arrays.asList(text.trim().split("\\s+"));
		}
		if (scope instanceof Collection<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	/**
	 * Runs work with this token as the current one, on a thread that has none: a job a client started that goes on
	 * after its request ended ({@code $import}) is checked against the scopes of the token that started it.
	 */
	public <T> T callAs(java.util.function.Supplier<T> work) {
		Jwt jwt = Jwt.withTokenValue("on-behalf-of-" + clientId).header("alg", "none").claim("client_id", clientId)
				.subject(subject == null ? clientId : subject).claim("scope", String.join(" ", grants.scopes()))
				.build();
		org.springframework.security.core.context.SecurityContext previous = SecurityContextHolder.getContext();
		org.springframework.security.core.context.SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new JwtAuthenticationToken(jwt));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		} finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	/** The user behind the client, when the token names one other than the client itself. */
	public Optional<String> user() {
		return subject == null || subject.equals(clientId) ? Optional.empty() : Optional.of(subject);
	}
}
