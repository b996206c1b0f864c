package org.trialfhir.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.trialfhir.errors.OperationOutcomes;

/**
 * Spring's error page for a request to {@code /fhir}: an OperationOutcome instead of Spring's error JSON or HTML.
 * Tomcat forwards there what fails outside HAPI, e.g. Spring Security's firewall refusing {@code /fhir/Patient;x=1}
 * or an exception thrown by a filter. Error pages of other paths stay Spring's.
 */
class FhirErrorPageFilter extends OncePerRequestFilter {

	private final FhirContext fhirContext;

	FhirErrorPageFilter(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		Object failedUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (request.getDispatcherType() != DispatcherType.ERROR || !(failedUri instanceof String uri)) {
			return true;
		}
		String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
		return !(path.equals("/fhir") || path.startsWith("/fhir/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
		// a refusal's message helps the client; a fault's is internal (Tomcat has logged the exception)
		Object message = status < 500 ? request.getAttribute(RequestDispatcher.ERROR_MESSAGE) : null;
		response.setStatus(status);
		response.setContentType(OperationOutcomes.FHIR_JSON);
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(
				OperationOutcomes.ofHttpStatus(status, message == null ? null : message.toString())));
	}
}
