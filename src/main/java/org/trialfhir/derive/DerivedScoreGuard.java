package org.trialfhir.derive;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;
import org.trialfhir.profiles.TrialCanonicals;
import org.trialfhir.security.ClientRequests;

/**
 * Derived scores are written by the server alone ({@code $derive-scores} and the re-derivation worker), because
 * {@code $analyze} trusts them: no client, whatever its scopes, creates, overwrites, deletes or re-tags an Observation
 * that is a derived score or would become one — by its identifier system, its score code or its profile.
 */
@Component
@Interceptor
class DerivedScoreGuard {

	private final IInterceptorService interceptors;

	DerivedScoreGuard(IInterceptorService interceptors) {
		this.interceptors = interceptors;
	}

	@PostConstruct
	void register() {
		interceptors.registerInterceptor(this);
	}

	@PreDestroy
	void unregister() {
		interceptors.unregisterInterceptor(this);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		refuseClient(request, resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		refuseClient(request, previous, updated);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, RequestDetails request) {
		refuseClient(request, resource);
	}

	private static void refuseClient(RequestDetails request, IBaseResource... versions) {
		if (!ClientRequests.isClient(request)) {
			return;
		}
		for (IBaseResource version : versions) {
			if (version instanceof Observation observation && isDerivedScore(observation)) {
				throw new ForbiddenOperationException("Observation" + (observation.getIdElement().hasIdPart()
						? "/" + observation.getIdElement().getIdPart() : "") + " is a derived score: derived scores "
						+ "are written by the server alone ($derive-scores), never by a client");
			}
		}
	}

	static boolean isDerivedScore(Observation observation) {
		return observation.getIdentifier().stream()
						.anyMatch(id -> TrialCanonicals.SID_DERIVED_SCORE.equals(id.getSystem()))
				|| observation.getCode().getCoding().stream()
						.anyMatch(coding -> TrialCanonicals.CS_TRIAL_SCORE.equals(coding.getSystem()))
				|| observation.getComponent().stream().flatMap(c -> c.getCode().getCoding().stream())
						.anyMatch(coding -> TrialCanonicals.CS_TRIAL_SCORE.equals(coding.getSystem()))
				|| observation.getMeta().getProfile().stream()
						.anyMatch(profile -> profile.getValue() != null
								&& profile.getValue().startsWith(TrialCanonicals.TRIAL_DERIVED_SCORE));
	}
}
