package org.trialfhir.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * The tests' one builder of enrolled subjects on a running server, through its FHIR API: a study (a new one unless
 * {@link #inStudy} names one) and, per subject, a Patient with a medical record number and a ResearchSubject on study
 * with an arm and T0. {@link TrialFixtures} builds the resources it stores; defaults: MRN system
 * {@link TrialFixtures#MRN_SYSTEM}, T0 {@link #DEFAULT_T0}, arms rTM and control in turn, born 1950-01-01.
 *
 * <pre>{@code
 * List<Subject> subjects = EnrolledSubjects.on(admin).mrnSystem(EnrolledSubjects.newMrnSystem()).enrol(2);
 * Subject one = EnrolledSubjects.on(admin).inNewStudy(true).arms("control").enrol();
 * }</pre>
 */
public final class EnrolledSubjects {

	public static final Instant DEFAULT_T0 = Instant.parse("2026-03-01T08:00:00Z");

	/** One enrolled subject; {@code study}, {@code researchSubject} and {@code patient} are references (Type/id). */
	public record Subject(String study, String researchSubject, String patient, String mrn, String arm, Instant t0) {

		public String researchSubjectId() {
			return new IdType(researchSubject).getIdPart();
		}

		public String patientId() {
			return new IdType(patient).getIdPart();
		}
	}

	private final IGenericClient fhir;
	private String study;
	private String mrnSystem = TrialFixtures.MRN_SYSTEM;
	private Instant t0 = DEFAULT_T0;
	private List<String> arms = List.of("rTM", "control");
	private boolean actualArm;
	private int enrolled;

	private EnrolledSubjects(IGenericClient fhir) {
		this.fhir = fhir;
	}

	/** Enrols with {@code fhir}: its server, and its token (creating Patients and ResearchSubjects). */
	public static EnrolledSubjects on(IGenericClient fhir) {
		return new EnrolledSubjects(fhir);
	}

	/** A fresh MRN system, so that a server-wide pull from a test's hospital matches only that test's patients. */
	public static String newMrnSystem() {
		return "http://hospital-" + UUID.randomUUID() + ".example/mrn";
	}

	/** Subjects of this existing study (a reference, ResearchStudy/id). */
	public EnrolledSubjects inStudy(String studyReference) {
		this.study = studyReference;
		return this;
	}

	/** Subjects of a new study, flagged blinded or open-label. */
	public EnrolledSubjects inNewStudy(boolean blinded) {
		this.study = create(TrialFixtures.study(blinded ? "blinded trial" : "open-label trial", blinded));
		return this;
	}

	public EnrolledSubjects mrnSystem(String system) {
		this.mrnSystem = system;
		return this;
	}

	public EnrolledSubjects t0(Instant t0) {
		this.t0 = t0;
		return this;
	}

	/** The arms given to the subjects in turn. */
	public EnrolledSubjects arms(String... arms) {
		this.arms = List.of(arms);
		return this;
	}

	/** Records the treatment received too ({@code actualArm}, the assigned arm). */
	public EnrolledSubjects withActualArm() {
		this.actualArm = true;
		return this;
	}

	/** The study's reference; a new study (not flagged blinded) if none was chosen. */
	public String study() {
		if (study == null) {
			study = create(TrialFixtures.study("trial " + UUID.randomUUID()));
		}
		return study;
	}

	public Subject enrol() {
		String mrn = "mrn-" + UUID.randomUUID().toString().substring(0, 8);
		String patient = create(TrialFixtures.patient(mrnSystem, mrn, LocalDate.of(1950, 1, 1)));
		String arm = arms.get(enrolled++ % arms.size());
		ResearchSubject subject = TrialFixtures.subject(study(), patient, arm, t0);
		if (actualArm) {
			subject.setActualArm(arm);
		}
		return new Subject(study, create(subject), patient, mrn, arm, t0);
	}

	public List<Subject> enrol(int count) {
		List<Subject> subjects = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			subjects.add(enrol());
		}
		return subjects;
	}

	private String create(IBaseResource resource) {
		return fhir.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}
}
