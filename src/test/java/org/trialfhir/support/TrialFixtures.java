package org.trialfhir.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.trialfhir.security.BlindedStudies;

/** Small builders of trial resources for tests (not stored; {@link EnrolledSubjects} stores enrolled subjects). */
public final class TrialFixtures {

	public static final String LOINC = "http://loinc.org";
	public static final String UCUM = "http://unitsofmeasure.org";
	public static final String MRN_SYSTEM = "http://hospital-a.example/mrn";

	private TrialFixtures() {}

	public static ResearchStudy study(String title) {
		ResearchStudy study = new ResearchStudy();
		study.setStatus(ResearchStudy.ResearchStudyStatus.ACTIVE);
		study.setTitle(title);
		study.addCondition(new CodeableConcept(new Coding("http://snomed.info/sct", "91302008", "Sepsis")));
		study.addCondition(new CodeableConcept(
				new Coding("http://snomed.info/sct", "67406007", "Disseminated intravascular coagulation")));
		study.addArm().setName("rTM").setDescription("recombinant thrombomodulin");
		study.addArm().setName("control").setDescription("standard care");
		return study;
	}

	/** A study flagged blinded or open-label (the trial's extension). */
	public static ResearchStudy study(String title, boolean blinded) {
		ResearchStudy study = study(title);
		study.addExtension(BlindedStudies.BLINDED_EXTENSION, new BooleanType(blinded));
		return study;
	}

	public static Patient patient(String mrn, LocalDate birthDate) {
		return patient(MRN_SYSTEM, mrn, birthDate);
	}

	public static Patient patient(String mrnSystem, String mrn, LocalDate birthDate) {
		Patient patient = new Patient();
		patient.addIdentifier(new Identifier().setSystem(mrnSystem).setValue(mrn)
				.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null))));
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate.toString()));
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		return patient;
	}

	public static ResearchSubject subject(String studyRef, String patientRef, String arm, Instant t0) {
		ResearchSubject subject = new ResearchSubject();
		subject.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
		subject.setStudy(new Reference(studyRef));
		subject.setIndividual(new Reference(patientRef));
		subject.setAssignedArm(arm);
		subject.setPeriod(new Period().setStart(Date.from(t0)));
		return subject;
	}

	public static Observation lab(String patientRef, String loinc, double value, String ucum, Instant when) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", null)));
		observation.setCode(new CodeableConcept(new Coding(LOINC, loinc, null)));
		observation.setSubject(new Reference(patientRef));
		observation.setEffective(new DateTimeType(Date.from(when)));
		observation.setValue(new Quantity().setValue(BigDecimal.valueOf(value)).setSystem(UCUM).setCode(ucum).setUnit(ucum));
		return observation;
	}
}
