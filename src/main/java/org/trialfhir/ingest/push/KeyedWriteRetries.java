package org.trialfhir.ingest.push;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.interceptor.UserRequestRetryVersionConflictsInterceptor;
import jakarta.annotation.PostConstruct;
import org.springframework.stereotype.Component;

/**
 * Registers HAPI's retry of requests marked retryable ({@code RequestDetails.isRetry()}) on version conflicts and
 * unique-index violations. Keyed Observation writes mark themselves; the retry re-runs the conditional update, which
 * then finds the resource the concurrent winner created.
 */
@Component
class KeyedWriteRetries {

	private final IInterceptorService interceptors;

	KeyedWriteRetries(IInterceptorService interceptors) {
		this.interceptors = interceptors;
	}

	@PostConstruct
	void register() {
		interceptors.registerInterceptor(new UserRequestRetryVersionConflictsInterceptor());
	}
}
