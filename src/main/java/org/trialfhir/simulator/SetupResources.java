package org.trialfhir.simulator;

import java.time.Duration;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.trialfhir.completeness.ScheduleOfActivities;

/**
 * The trial set-up resources: site Organizations, the schedule of activities, the ResearchStudy (naming the schedule in
 * its protocol), Patients and ResearchSubjects.
 */
final class SetupResources {
	static final String STUDY_ID = "sim-study";
	/** The study's own copy of the rTM schedule: each simulated trial (renamed by its prefix) has its own. */
	static final String SCHEDULE_ID = "sim-" + ScheduleOfActivities.RTM_ID;
	private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

	private SetupResources() {
	}

	static Organization organization(Site site) {
		Organization organization = new Organization();
		organization.setId(site.organizationId());
		organization.addIdentifier().setSystem(Site.SYSTEM).setValue(site.code());
		organization.setActive(true);
		organization.setName(site.name());
		return organization;
	}

	static PlanDefinition schedule() {
		PlanDefinition schedule = ScheduleOfActivities.rtm();
		schedule.setId(SCHEDULE_ID);
		return schedule;
	}

	static ResearchStudy study(SimulationOptions options) {
		ResearchStudy study = new ResearchStudy();
		study.setId(STUDY_ID);
		study.getMeta().addProfile(Profiles.RESEARCH_STUDY);
		study.addExtension(Profiles.BLINDED_EXTENSION, new BooleanType(false)); // open label, like the pilot
		study.addExtension(Profiles.STUDY_DRUG_EXTENSION, FhirEvents.studyDrug());
		study.addIdentifier().setSystem(Profiles.SIMULATOR_IDENTIFIER).setValue(STUDY_ID);
		study.setTitle("Simulated trial: recombinant thrombomodulin versus control in sepsis-induced DIC (seed "
				+ options.seed() + ")");
		study.setStatus(ResearchStudy.ResearchStudyStatus.ACTIVE);
		study.addCondition(FhirValues.concept(FhirEvents.SNOMED, "91302008", "Sepsis"));
		study.addCondition(FhirValues.concept(FhirEvents.SNOMED, "67406007", "Disseminated intravascular coagulation"));
		study.setDescription("Synthetic data from the TrialFHIR simulator, calibrated to the published pilot of"
				+ " thrombomodulin alfa in septic DIC (18 rTM vs 24 control). Not real patients.");
		study.getPeriod().setStartElement(FhirValues.dateTime(options.start(), ZoneOffset.UTC));
		study.addProtocol(FhirValues.ref("PlanDefinition", SCHEDULE_ID));
		for (Arm arm : Arm.values()) {
			study.addArm().setName(arm.armName()).setDescription(arm.description());
		}
		study.addExtension(monitoringPlan());
		return study;
	}

	/** The pilot's plan: 100 subjects, an interim look at half of them, O'Brien-Fleming-type spending (docs/interim.md). */
	private static Extension monitoringPlan() {
		Extension design = new Extension(Profiles.GROUP_SEQUENTIAL_DESIGN_EXTENSION);
		design.addExtension("planned-subjects", new PositiveIntType(100));
		design.addExtension("information-rates", new DecimalType("0.5"));
		design.addExtension("information-rates", new DecimalType("1"));
		design.addExtension("spending", new CodeType("obrien-fleming"));
		design.addExtension("alpha", new DecimalType("0.05"));
		return design;
	}

	static Patient patient(SubjectProfile subject) {
		Patient patient = new Patient();
		patient.setId(subject.patientId());
		patient.getMeta().addProfile(Profiles.PATIENT);
		patient.addIdentifier()
				.setType(FhirValues.concept(V2_0203, "MR", "Medical record number"))
				.setSystem(subject.site().mrnSystem())
				.setValue(mrn(subject));
		patient.setGender(Enumerations.AdministrativeGender.fromCode(subject.gender()));
		patient.setBirthDateElement(new DateType(subject.birthDate().toString()));
		if (subject.dies()) {
			patient.setDeceased(FhirValues.dateTime(ClinicalGenerator.at(subject, subject.deathHours()),
					subject.site().zone()));
		}
		patient.setManagingOrganization(FhirValues.ref("Organization", subject.site().organizationId()));
		return patient;
	}

	static ResearchSubject researchSubject(SubjectProfile subject) {
		ResearchSubject researchSubject = new ResearchSubject();
		researchSubject.setId(subject.subjectId());
		researchSubject.getMeta().addProfile(Profiles.RESEARCH_SUBJECT);
		researchSubject.addIdentifier().setSystem(Profiles.SIMULATOR_IDENTIFIER).setValue(subject.subjectId());
		researchSubject.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
		researchSubject.getPeriod().setStartElement(FhirValues.dateTime(subject.t0(), subject.site().zone()));
		if (!subject.dies()) {
			// followed up alive to the end of day 28: the day-28 vital status is known without a death
			researchSubject.getPeriod().setEndElement(FhirValues.dateTime(subject.t0().plus(Duration.ofDays(28)),
					subject.site().zone()));
		}
		researchSubject.setStudy(FhirValues.ref("ResearchStudy", STUDY_ID));
		researchSubject.setIndividual(FhirValues.ref("Patient", subject.patientId()));
		researchSubject.setAssignedArm(subject.arm().armName());
		return researchSubject;
	}

	/** A hospital-looking MRN: 7 digits at the Japanese site, prefixed elsewhere; unique per site. */
	private static String mrn(SubjectProfile subject) {
		long digits = 1_000_000L + (subject.number() * 7_919L) % 9_000_000L;
		return subject.site().mrnPrefix() + digits;
	}
}
