package org.trialfhir.ingest.push;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.interceptor.UserRequestRetryVersionConflictsInterceptor;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;
import org.trialfhir.studyday.ObservationKeys;

/**
 * The server-side twin of an idempotent push: stores an Observation keyed by its identifier, creating it, updating it
 * (new version) or leaving it alone when nothing changed.
 */
@Component
public class ObservationUpsert {

	/** What a keyed write did. */
	public enum Outcome {
		CREATED,
		UPDATED,
		UNCHANGED
	}

	/** The stored resource's versioned id and what the write did to it. */
	public record Result(IIdType id, Outcome outcome) {}

	private final IFhirResourceDao<Observation> dao;

	ObservationUpsert(DaoRegistry daoRegistry) {
		this.dao = daoRegistry.getResourceDao(Observation.class);
	}

	/**
	 * @throws IllegalArgumentException when the Observation has no identifier with system and value
	 * @throws org.trialfhir.errors.TrialFhirException (conflict) when the identifier belongs to another patient's
	 *     Observation
	 */
	public Result upsert(Observation observation) {
		return upsert(observation, new SystemRequestDetails());
	}

	/** As {@link #upsert(Observation)}, as the server's own write described by {@code request} (e.g. its headers). */
	public Result upsert(Observation observation, SystemRequestDetails request) {
		Identifier key = ObservationKeys.keyOf(observation)
				.orElseThrow(() -> new IllegalArgumentException("an upserted Observation needs an identifier"));
		UserRequestRetryVersionConflictsInterceptor.addRetryHeader(request, KeyedObservationWrites.MAX_RETRIES);
		KeyedSubjectGuard.mark(request);
		DaoMethodOutcome written = dao.update(observation, ObservationKeys.matchUrl(key), request);
		return new Result(written.getId(), outcomeOf(written));
	}

	private static Outcome outcomeOf(DaoMethodOutcome written) {
		if (Boolean.TRUE.equals(written.getCreated())) {
			return Outcome.CREATED;
		}
		return written.isNop() ? Outcome.UNCHANGED : Outcome.UPDATED;
	}
}
