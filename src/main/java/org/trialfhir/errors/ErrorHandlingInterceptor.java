package org.trialfhir.errors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.trialfhir.server.FhirRestInterceptor;

/** The one place where domain exceptions become an HTTP status and an OperationOutcome. */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorHandlingInterceptor implements FhirRestInterceptor {

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException toFhirException(RequestDetails request, Throwable exception) {
		Throwable cause = exception;
		while (cause != null && !(cause instanceof TrialFhirException)) {
			cause = cause.getCause();
		}
		if (cause instanceof TrialFhirException failure) {
			return toResponse(failure);
		}
		return null; // HAPI's own handling
	}

	static BaseServerResponseException toResponse(TrialFhirException failure) {
		return new UnclassifiedServerFailureException(
				failure.kind().status, failure.getMessage(), OperationOutcomes.of(failure));
	}
}
