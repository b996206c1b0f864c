package org.trialfhir.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Patients in screening for the demo's randomization page, stamped relative to the load: a screening JAAM DIC score
 * of two hours ago is inside the 24-hour window of the {@code jaam-dic} criterion now, whichever day the demo starts.
 * Three are eligible; {@code demo-screen-4} has no consent, so randomizing it shows the failed criterion.
 */
final class ScreeningPatients {

	static final List<String> ELIGIBLE = List.of("demo-screen-1", "demo-screen-2", "demo-screen-3");
	static final String WITHOUT_CONSENT = "demo-screen-4";

	private static final String TRIAL_SCORE = "http://trialfhir.org/fhir/CodeSystem/trial-score";

	private ScreeningPatients() {}

	/** A transaction that PUTs the screening patients and their evidence by id: loading it again refreshes the times. */
	static Bundle at(Instant now) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String[] names = {"Aiko Tanaka", "Ben Carter", "Chloé Martin", "Dev Patel"};
		for (int i = 0; i < 4; i++) {
			String id = "demo-screen-" + (i + 1);
			Reference patient = new Reference("Patient/" + id);
			put(bundle, patient(id, names[i], i));
			put(bundle, sepsis(id, patient, now.minus(Duration.ofHours(6))));
			put(bundle, screeningScore(id, patient, now.minus(Duration.ofHours(2)), 5 + i % 2));
			if (!id.equals(WITHOUT_CONSENT)) {
				put(bundle, consent(id, patient, now.minus(Duration.ofHours(3))));
			}
		}
		return bundle;
	}

	private static void put(Bundle bundle, Resource resource) {
		bundle.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
	}

	private static Patient patient(String id, String name, int index) {
		Patient patient = new Patient();
		patient.setId(id);
		patient.getMeta().addProfile("http://trialfhir.org/fhir/StructureDefinition/TrialPatient");
		patient.addIdentifier()
				.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null))
						.setText("Medical record number"))
				.setSystem("http://hospital-a.example/mrn")
				.setValue("A90" + (index + 1));
		patient.addName(new HumanName().setText(name));
		patient.setGender(index % 2 == 0 ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
		patient.setBirthDateElement(new DateType(1950 + 7 * index, 3, 14));
		patient.setManagingOrganization(new Reference("Organization/sim-site-a"));
		return patient;
	}

	private static Condition sepsis(String id, Reference patient, Instant onset) {
		Condition condition = new Condition();
		condition.setId(id + "-sepsis");
		condition.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"));
		condition.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));
		condition.setCode(concept("http://snomed.info/sct", "91302008").setText("Sepsis"));
		condition.setSubject(patient);
		condition.setOnset(new DateTimeType(Date.from(onset)));
		return condition;
	}

	private static Observation screeningScore(String id, Reference patient, Instant at, int value) {
		Observation score = new Observation();
		score.setId(id + "-screening-jaam");
		score.setStatus(Observation.ObservationStatus.FINAL);
		score.setCode(concept(TRIAL_SCORE, "jaam-dic").setText("JAAM DIC score (screening)"));
		score.setSubject(patient);
		score.setEffective(new DateTimeType(Date.from(at)));
		score.setValue(new IntegerType(value));
		return score;
	}

	private static Consent consent(String id, Reference patient, Instant at) {
		Consent consent = new Consent();
		consent.setId(id + "-consent");
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(concept("http://terminology.hl7.org/CodeSystem/consentscope", "research"));
		consent.addCategory(concept("http://loinc.org", "59284-0"));
		consent.setPatient(patient);
		consent.setDateTime(Date.from(at));
		consent.addPolicy().setUri("http://trialfhir.org/fhir/consent-policy/rtm-trial");
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		return consent;
	}

	private static CodeableConcept concept(String system, String code) {
		return new CodeableConcept(new Coding(system, code, null));
	}
}
