package org.trialfhir.ingest.pull.subjects;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;

/**
 * The subjects a pull is for: all ResearchSubjects being followed, or one named by {@code ResearchSubject/[id]/$pull}.
 * The enrolments come from {@link Enrolments}, the MRNs from their Patients.
 */
@Component
public class EnrolledSubjects {

	/** Statuses of a subject whose data is still collected. */
	static final List<String> FOLLOWED = List.of(ResearchSubjectStatus.ONSTUDY.toCode(),
			ResearchSubjectStatus.ONSTUDYINTERVENTION.toCode(), ResearchSubjectStatus.ONSTUDYOBSERVATION.toCode(),
			ResearchSubjectStatus.FOLLOWUP.toCode());

	private final Enrolments enrolments;
	private final IFhirResourceDao<Patient> patients;

	EnrolledSubjects(Enrolments enrolments, DaoRegistry daos) {
		this.enrolments = enrolments;
		this.patients = daos.getResourceDao(Patient.class);
	}

	/** Every followed subject that has a T0 and a Patient. */
	public List<EnrolledSubject> followed() {
		return enrolments.withStatus(FOLLOWED).stream().map(this::withPatient).flatMap(Optional::stream).toList();
	}

	/** One subject, whatever its status. */
	public EnrolledSubject one(String researchSubjectId) {
		Enrolment enrolment =
				enrolments.byId(researchSubjectId).orElseThrow(() -> TrialFhirException.notFound("ResearchSubject/" + researchSubjectId + " does not exist"));
		return withPatient(enrolment).orElseThrow(() -> TrialFhirException.unprocessable(
				"ResearchSubject/" + researchSubjectId + " has no period.start (T0) or no individual: nothing to pull "
						+ "for it yet"));
	}

	/** The subject with its Patient's identifiers, when it has a T0 and a Patient that is not deleted. */
	private Optional<EnrolledSubject> withPatient(Enrolment enrolment) {
		if (enrolment.t0() == null || enrolment.patientId() == null) {
			return Optional.empty();
		}
		try {
			Patient patient = patients.read(new IdType(enrolment.patientReference()), new SystemRequestDetails());
			return Optional.of(new EnrolledSubject(enrolment, patient.getIdentifier()));
		} catch (ResourceNotFoundException | ResourceGoneException missing) {
			return Optional.empty(); // a subject whose Patient is gone has nothing to pull
		}
	}
}
