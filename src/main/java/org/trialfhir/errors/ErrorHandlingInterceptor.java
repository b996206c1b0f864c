package org.trialfhir.errors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.util.Optional;
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
		return domainFailure(exception).map(ErrorHandlingInterceptor::toResponse).orElse(null); // null: HAPI's own
	}

	/** The domain failure behind an exception, however deeply wrapped: it decides the response. */
	static Optional<TrialFhirException> domainFailure(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof TrialFhirException failure) {
				return Optional.of(failure);
			}
		}
		return Optional.empty();
	}

	static BaseServerResponseException toResponse(TrialFhirException failure) {
		return new UnclassifiedServerFailureException(
				failure.kind().status, failure.getMessage(), OperationOutcomes.of(failure));
	}
}
