package org.trialfhir.derive;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;
import org.trialfhir.profiles.TrialCanonicals;
import org.trialfhir.security.ClientRequests;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;

/**
 * Derived scores are written by the server alone ({@code $derive-scores} and the re-derivation worker), because
 * {@code $analyze} and the derivation read them by their identifier: no client, whatever its scopes, creates,
 * overwrites, deletes or re-tags an Observation that is a derived score or would become one — by its identifier system
 * or its profile. A score a site computed itself (the screening JAAM DIC score {@code $randomize} checks) carries the
 * score code without either, and stays the client's to write.
 */
@Component
class DerivedScoreGuard implements WriteStep {

	DerivedScoreGuard() {
	}

	@Override
	public String name() {
		return "guard-derived-scores";
	}

	/** For every write: the server's own writes pass, a client's is refused whichever door it came through. */
	@Override
	public void beforeStore(WriteContext write) {
		if (write.kind() == WriteContext.Kind.UPDATE) {
			refuseClient(write.request(), write.previous(), write.resource());
		} else {
			refuseClient(write.request(), write.resource());
		}
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
