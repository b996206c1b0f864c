package org.trialfhir.studyday;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.hapisql.Enrolment;

/**
 * Stamps the study-day extension on every Observation write (REST, bundles, internal DAO calls alike), and
 * re-stamps a patient's Observations, in the same database transaction, when their ResearchSubject is created or its
 * T0 changes: the write pipeline's steps {@link StampStudyDay} and {@link RestampStudyDay}.
 *
 * <p>In a transaction bundle an Observation is stamped when HAPI creates its entry, before HAPI has replaced the
 * bundle's placeholders: its patient is found through {@link BundleReferences}, and subjects written earlier in the
 * bundle through {@link PatientT0}, so that the stamp is right the first time and the Observation is written once.
 * Only an Observation created before HAPI wrote its patient's entry (e.g. one without identifier comes before a
 * conditional create of its patient) is stamped again once HAPI has resolved the placeholder.
 *
 * <p>A re-stamp writes the Observation a second time in the database transaction that may have created it. For a
 * keyed Observation HAPI would insert its unique-index row again (HAPI does not keep the row it inserted on the
 * entity), so the entity is reloaded first. And while HAPI writes a transaction bundle its session flushes only at
 * commit: a later hook's search would not see the new version and would hand out a stale one, so each re-stamp is
 * flushed at once.
 */
@Component
class StudyDayStamping {

	/** Request user-data key carrying the T0 to use, set while re-stamping after a T0 change. */
	private static final String T0_OVERRIDE = StudyDayStamping.class.getName() + ".t0";

	/** Observation user-data key: stamped while its subject was a bundle placeholder HAPI had not resolved. */
	private static final String AWAITS_PATIENT = StudyDayStamping.class.getName() + ".awaitsPatient";

	private final PatientT0 t0s;
	private final IFhirResourceDao<Observation> observations;

	@PersistenceContext
	private EntityManager entityManager;

	StudyDayStamping(PatientT0 t0s, DaoRegistry daoRegistry) {
		this.t0s = t0s;
		this.observations = daoRegistry.getResourceDao(Observation.class);
	}

	/** After the resource is stored; in a transaction bundle, once all entries are stored and references resolved. */
	void created(IBaseResource resource, RequestDetails request) {
		if (resource instanceof ResearchSubject subject) {
			restamp(subject);
		} else if (resource instanceof Observation observation && observation.getUserData(AWAITS_PATIENT) != null) {
			stampResolved(observation, request);
		}
	}

	void updated(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof ResearchSubject subject && previous instanceof ResearchSubject before
				&& (!Objects.equals(Enrolment.of(before).t0(), Enrolment.of(subject).t0())
						|| !before.getIndividual().getReference().equals(subject.getIndividual().getReference()))) {
			restamp(subject);
		}
	}

	/** Before the resource is stored: before the write validation checks the extension. */
	void stampIfObservation(IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof Observation observation)) {
			return;
		}
		Object override = request == null ? null : request.getUserData().get(T0_OVERRIDE);
		Optional<Instant> t0 = override instanceof Instant start ? Optional.of(start)
				: t0s.t0Of(observation.getSubject());
		StudyDayExtension.stamp(observation, t0);
		observation.setUserData(AWAITS_PATIENT,
				BundleReferences.awaitsItsEntry(observation.getSubject()) ? Boolean.TRUE : null);
	}

	/**
	 * Stamps the stored Observation again now that its subject is resolved, writing it only if that changes it — as
	 * part of the client's request, so that it is validated as an enrolled patient's Observation.
	 */
	private void stampResolved(Observation written, RequestDetails request) {
		written.setUserData(AWAITS_PATIENT, null);
		Observation stored = observations.read(written.getIdElement().toVersionless(), new SystemRequestDetails());
		if (StudyDayExtension.stamp(stored, t0s.t0Of(stored.getSubject()))) {
			rewrite(stored, request);
		}
	}

	/** The subject's other records may not be visible to a search inside this transaction yet: pass T0 along. */
	private void restamp(ResearchSubject subject) {
		String patient = subject.getIndividual().getReferenceElement().toUnqualifiedVersionless().getValue();
		Optional<Instant> t0 = Optional.ofNullable(Enrolment.of(subject).t0());
		if (patient == null || t0.isEmpty()) {
			return;
		}
		SearchParameterMap query =
				SearchParameterMap.newSynchronous(Observation.SP_SUBJECT, new ReferenceParam(patient));
		for (IBaseResource found : observations.searchForResources(query, new SystemRequestDetails())) {
			Observation observation = (Observation) found;
			if (StudyDayExtension.stamp(observation, t0)) {
				SystemRequestDetails request = new SystemRequestDetails();
				request.getUserData().put(T0_OVERRIDE, t0.get());
				rewrite(observation, request);
			}
		}
	}

	private void rewrite(Observation observation, RequestDetails request) {
		if (ObservationKeys.keyOf(observation).isPresent()) {
			// HAPI does not put the unique-index row it inserts for a new resource on the resource's entity: written
			// again in the same transaction, its key would be inserted again. Reload the entity, with that row.
			entityManager.flush();
			entityManager.refresh(observations.readEntity(observation.getIdElement().toVersionless(),
					new SystemRequestDetails()));
		}
		observations.update(observation, request);
		entityManager.flush();
	}
}
