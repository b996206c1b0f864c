package org.trialfhir.studyday;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;

/**
 * Stamps the study-day extension on every Observation write (REST, bundles, internal DAO calls alike), and
 * re-stamps a patient's Observations, in the same database transaction, when their ResearchSubject is created or its
 * T0 changes.
 */
@Component
@Interceptor
class StudyDayStamping {

	/** Request user-data key carrying the T0 to use, set while re-stamping after a T0 change. */
	private static final String T0_OVERRIDE = StudyDayStamping.class.getName() + ".t0";

	private final IInterceptorService interceptors;
	private final Enrolments enrolments;
	private final IFhirResourceDao<Observation> observations;

	StudyDayStamping(IInterceptorService interceptors, Enrolments enrolments, DaoRegistry daoRegistry) {
		this.interceptors = interceptors;
		this.enrolments = enrolments;
		this.observations = daoRegistry.getResourceDao(Observation.class);
	}

	@PostConstruct
	void register() {
		interceptors.registerInterceptor(this);
	}

	// stamp before the write validation (order 0) checks the extension
	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -10)
	public void onCreate(IBaseResource resource, RequestDetails request) {
		stampIfObservation(resource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -10)
	public void onUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		stampIfObservation(resource, request);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void onSubjectCreated(IBaseResource resource) {
		if (resource instanceof ResearchSubject subject) {
			restamp(subject);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void onSubjectUpdated(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof ResearchSubject subject && previous instanceof ResearchSubject before
				&& (!Objects.equals(Enrolments.t0Of(before), Enrolments.t0Of(subject))
						|| !before.getIndividual().getReference().equals(subject.getIndividual().getReference()))) {
			restamp(subject);
		}
	}

	private void stampIfObservation(IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof Observation observation)) {
			return;
		}
		Object override = request == null ? null : request.getUserData().get(T0_OVERRIDE);
		Optional<Instant> t0 = override instanceof Instant start ? Optional.of(start) : patientOf(observation)
				.flatMap(enrolments::t0Of);
		StudyDayExtension.stamp(observation, t0);
	}

	/** The subject's other records may not be visible to a search inside this transaction yet: pass T0 along. */
	private void restamp(ResearchSubject subject) {
		String patient = subject.getIndividual().getReferenceElement().toUnqualifiedVersionless().getValue();
		Optional<Instant> t0 = Enrolments.t0Of(subject);
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
				observations.update(observation, request);
			}
		}
	}

	private static Optional<String> patientOf(Observation observation) {
		String reference = observation.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
		return reference != null && reference.startsWith("Patient/") ? Optional.of(reference) : Optional.empty();
	}
}
