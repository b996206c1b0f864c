package org.trialfhir.profiles;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;

/** Whether a Patient is enrolled in a study (has a ResearchSubject), remembered for the rest of one request. */
@Component
class EnrolledSubjects {

	private static final String MEMO = EnrolledSubjects.class.getName();

	private final DaoRegistry daoRegistry;

	EnrolledSubjects(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	boolean isEnrolled(Reference subject, RequestDetails request) {
		if (subject == null || !subject.hasReference() || !subject.getReference().startsWith("Patient/")) {
			return false;
		}
		String patient = subject.getReferenceElement().toUnqualifiedVersionless().getValue();
		return memo(request).computeIfAbsent(patient, this::lookUp);
	}

	private boolean lookUp(String patient) {
		SearchParameterMap byIndividual = SearchParameterMap.newSynchronous(ResearchSubject.SP_INDIVIDUAL,
				new ReferenceParam(patient));
		byIndividual.setCount(1);
		return !daoRegistry.getResourceDao(ResearchSubject.class)
				.searchForResources(byIndividual, new SystemRequestDetails()).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Boolean> memo(RequestDetails request) {
		if (request == null) {
			return new HashMap<>();
		}
		return (Map<String, Boolean>) request.getUserData().computeIfAbsent(MEMO, key -> new HashMap<String, Boolean>());
	}
}
