package org.trialfhir.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.trialfhir.security.CurrentToken;

/**
 * Notes who is asking on the request's audit record. Runs after Spring Security's filters have checked the token
 * (and before they clear it), for every audited path, FHIR or not.
 */
class AuditPrincipalFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AuditRecord.of(request).ifPresent(record -> CurrentToken.get().ifPresent(token -> {
			record.clientId = token.clientId();
			record.user = token.user().orElse(null);
		}));
		chain.doFilter(request, response);
	}
}
