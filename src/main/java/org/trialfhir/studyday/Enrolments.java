package org.trialfhir.studyday;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;

/**
 * T0 of a patient: the start of the period of their ResearchSubject (the earliest, if they have several). A patient
 * is enrolled when they have one; a screening record without T0 does not count.
 */
@Component
public class Enrolments {

	private final IFhirResourceDao<ResearchSubject> subjects;

	Enrolments(DaoRegistry daoRegistry) {
		this.subjects = daoRegistry.getResourceDao(ResearchSubject.class);
	}

	public Optional<Instant> t0Of(String patientReference) {
		SearchParameterMap query = SearchParameterMap.newSynchronous(
				ResearchSubject.SP_INDIVIDUAL, new ReferenceParam(patientReference));
		return subjects.searchForResources(query, new SystemRequestDetails()).stream()
				.map(resource -> ((ResearchSubject) resource).getPeriod().getStart())
				.filter(Objects::nonNull)
				.min(Comparator.naturalOrder())
				.map(Date::toInstant);
	}

	static Optional<Instant> t0Of(ResearchSubject subject) {
		return Optional.ofNullable(subject.getPeriod().getStart()).map(Date::toInstant);
	}
}
