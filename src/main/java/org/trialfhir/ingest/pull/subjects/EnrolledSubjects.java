package org.trialfhir.ingest.pull.subjects;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;

/** The subjects a pull is for: all ResearchSubjects being followed, or one named by {@code ResearchSubject/[id]/$pull}. */
@Component
public class EnrolledSubjects {

	/** Statuses of a subject whose data is still collected. */
	static final List<ResearchSubjectStatus> FOLLOWED = List.of(ResearchSubjectStatus.ONSTUDY,
			ResearchSubjectStatus.ONSTUDYINTERVENTION, ResearchSubjectStatus.ONSTUDYOBSERVATION,
			ResearchSubjectStatus.FOLLOWUP);

	private final IFhirResourceDao<ResearchSubject> subjects;
	private final IFhirResourceDao<Patient> patients;

	EnrolledSubjects(DaoRegistry daoRegistry) {
		this.subjects = daoRegistry.getResourceDao(ResearchSubject.class);
		this.patients = daoRegistry.getResourceDao(Patient.class);
	}

	/** Every followed subject that has a T0 and a Patient. */
	public List<EnrolledSubject> followed() {
		TokenOrListParam statuses = new TokenOrListParam();
		FOLLOWED.forEach(status -> statuses.addOr(new TokenParam(status.toCode())));
		SearchParameterMap query = SearchParameterMap.newSynchronous().add(ResearchSubject.SP_STATUS, statuses);
		return subjects.searchForResources(query, new SystemRequestDetails()).stream()
				.map(resource -> toEnrolled((ResearchSubject) resource))
				.flatMap(Optional::stream)
				.toList();
	}

	/** One subject, whatever its status. */
	public EnrolledSubject one(String researchSubjectId) {
		ResearchSubject subject;
		try {
			subject = subjects.read(new IdType("ResearchSubject", researchSubjectId), new SystemRequestDetails());
		} catch (ResourceNotFoundException e) {
			throw TrialFhirException.notFound("ResearchSubject/" + researchSubjectId + " does not exist");
		}
		return toEnrolled(subject).orElseThrow(() -> TrialFhirException.unprocessable("ResearchSubject/"
				+ researchSubjectId + " has no period.start (T0) or no individual: nothing to pull for it yet"));
	}

	private Optional<EnrolledSubject> toEnrolled(ResearchSubject subject) {
		String patient = subject.getIndividual().getReferenceElement().toUnqualifiedVersionless().getValue();
		if (!subject.getPeriod().hasStart() || patient == null || !patient.startsWith("Patient/")) {
			return Optional.empty();
		}
		Patient individual;
		try {
			individual = patients.read(new IdType(patient), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException missing) {
			return Optional.empty(); // a subject whose Patient is gone has nothing to pull
		}
		return Optional.of(new EnrolledSubject(subject.getIdElement().getIdPart(), patient,
				Objects.requireNonNull(subject.getPeriod().getStart()).toInstant(), individual.getIdentifier()));
	}
}
