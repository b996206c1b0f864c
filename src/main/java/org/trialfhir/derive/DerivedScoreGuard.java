package org.trialfhir.derive;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;
import org.trialfhir.profiles.TrialCanonicals;
import org.trialfhir.security.ClientRequests;
import org.trialfhir.server.FhirStorageInterceptor;

/**
 * Derived scores are written by the server alone ({@code $derive-scores} and the re-derivation worker), because
 * {@code $analyze} and the derivation read them by their identifier: no client, whatever its scopes, creates,
 * overwrites, deletes or re-tags an Observation that is a derived score or would become one — by its identifier system
 * or its profile. A score a site computed itself (the screening JAAM DIC score {@code $randomize} checks) carries the
 * score code without either, and stays the client's to write.
 */
@Component
@Interceptor
class DerivedScoreGuard implements FhirStorageInterceptor {

	DerivedScoreGuard() {
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
				|| observation.getMeta().getProfile().stream()
						.anyMatch(profile -> profile.getValue() != null
								&& profile.getValue().startsWith(TrialCanonicals.TRIAL_DERIVED_SCORE));
	}
}
