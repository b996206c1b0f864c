package org.trialfhir.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client-credentials request that names no scope gets every scope registered for the client (Spring
 * Authorization Server would grant none), so {@code curl -u ehr-demo:… -d grant_type=client_credentials} just works.
 */
class DefaultScopesClientCredentialsConverter implements AuthenticationConverter {

	private final OAuth2ClientCredentialsAuthenticationConverter delegate = new OAuth2ClientCredentialsAuthenticationConverter();

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication converted = delegate.convert(request);
		if (!(converted instanceof OAuth2ClientCredentialsAuthenticationToken token) || !token.getScopes().isEmpty()) {
			return converted;
		}
		Authentication client = SecurityContextHolder.getContext().getAuthentication();
		if (!(client instanceof OAuth2ClientAuthenticationToken clientToken) || clientToken.getRegisteredClient() == null) {
			return converted;
		}
		return new OAuth2ClientCredentialsAuthenticationToken(
				clientToken, clientToken.getRegisteredClient().getScopes(), Map.copyOf(token.getAdditionalParameters()));
	}
}
