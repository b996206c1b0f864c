package org.trialfhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.OperationOutcomes;
import org.trialfhir.errors.TrialFhirException;

/**
 * The one place where domain exceptions become an HTTP status and an OperationOutcome on the FHIR endpoint. It lives
 * here, not in {@code errors}, because it is a REST interceptor of this endpoint: {@code errors} depends on no other
 * package of ours, so that every package may throw its exception.
 */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorHandlingInterceptor implements FhirRestInterceptor {

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException toFhirException(RequestDetails request, Throwable exception) {
		// null: not ours, HAPI answers it as it would
		return TrialFhirException.behind(exception).map(ErrorHandlingInterceptor::toResponse).orElse(null);
	}

	static BaseServerResponseException toResponse(TrialFhirException failure) {
		return new UnclassifiedServerFailureException(
				OperationOutcomes.status(failure), failure.getMessage(), OperationOutcomes.of(failure));
	}
}
