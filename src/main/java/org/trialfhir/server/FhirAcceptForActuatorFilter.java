package org.trialfhir.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A FHIR client that asks {@code /actuator} (its health, typically) for a FHIR format gets the actuator's JSON instead
 * of 406: the actuator produces only JSON, so an Accept naming a FHIR media type is read as {@code application/json}.
 */
class FhirAcceptForActuatorFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		boolean fhir = accept != null && accept.toLowerCase(Locale.ROOT).contains("fhir");
		chain.doFilter(fhir ? new JsonAcceptRequest(request) : request, response);
	}

	private static final class JsonAcceptRequest extends HttpServletRequestWrapper {

		JsonAcceptRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? MediaType.APPLICATION_JSON_VALUE : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
					? Collections.enumeration(Collections.singletonList(MediaType.APPLICATION_JSON_VALUE))
					: super.getHeaders(name);
		}
	}
}
