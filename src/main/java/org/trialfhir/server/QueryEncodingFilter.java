package org.trialfhir.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;
import org.trialfhir.errors.OperationOutcomes;
import org.trialfhir.errors.TrialFhirException;

/**
 * Refuses a query string with an invalid %-escape ({@code ?name=%}, {@code ?name=%zz}) with 400 and an
 * OperationOutcome. HAPI decodes the query with {@link URLDecoder}, whose exception it answers with 500; the same
 * decoder here finds exactly the queries HAPI cannot decode.
 */
class QueryEncodingFilter extends OncePerRequestFilter {

	private final FhirContext fhirContext;

	QueryEncodingFilter(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query != null) {
			try {
				URLDecoder.decode(query, StandardCharsets.UTF_8);
			} catch (IllegalArgumentException invalidEscape) {
				OperationOutcomes.write(response, fhirContext, TrialFhirException.invalid(null, "The query string has "
						+ "an invalid %-escape (" + invalidEscape.getMessage() + "); a literal % is written %25."));
				return;
			}
		}
		chain.doFilter(request, response);
	}
}
