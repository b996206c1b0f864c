package org.trialfhir.ingest.pull;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.trialfhir.support.TrialFixtures;

/** Enrols patients in our server: a study, Patients with an MRN of a test's own system, ResearchSubjects with T0. */
public final class TrialSubjects {

	/** One enrolled subject as the tests see it. */
	public record Subject(String researchSubjectId, String patientReference, String mrn, Instant t0) {}

	private TrialSubjects() {}

	/** A fresh MRN system per test, so that server-wide pulls only match that test's patients. */
	public static String newMrnSystem() {
		return "http://hospital-" + UUID.randomUUID() + ".example/mrn";
	}

	public static List<Subject> enrol(IGenericClient fhir, String mrnSystem, int count, Instant t0) {
		String study = fhir.create().resource(TrialFixtures.study("pull trial")).execute().getId()
				.toUnqualifiedVersionless().getValue();
		List<Subject> subjects = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String mrn = "mrn-" + UUID.randomUUID().toString().substring(0, 8);
			Patient patient = new Patient();
			patient.addIdentifier(new Identifier().setSystem(mrnSystem).setValue(mrn).setType(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null))));
			patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(LocalDate.of(1950 + i, 1, 1).toString()));
			String patientRef = fhir.create().resource(patient).execute().getId().toUnqualifiedVersionless().getValue();
			String subjectId = fhir.create().resource(TrialFixtures.subject(study, patientRef, i % 2 == 0 ? "rTM"
					: "control", t0)).execute().getId().getIdPart();
			subjects.add(new Subject(subjectId, patientRef, mrn, t0));
		}
		return subjects;
	}
}
