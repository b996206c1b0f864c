package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.derive.DerivedScoreAssertions.component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.scoring.Scores;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * {@code $derive-scores} on an enrolled patient with the inputs SOFA-2 adds (HFNO, SpO₂, sedation, a delirium drug,
 * vasopressin, VV-ECMO, CRRT, potassium), over two study days; the SOFA-2 values are worked out by hand below from
 * docs/scores-spec.md §14. T0 = 2026-05-01T08:00Z; "day d hour h" = T0 + 24(d−1) h + h hours. Weight 80 kg.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Sofa2DeriveIT {

	static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
	static final String SNOMED = "http://snomed.info/sct";
	static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
	static final String SUPPORT = "http://trialfhir.org/fhir/CodeSystem/trial-support";

	@LocalServerPort
	int port;

	private String run;
	private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

	@BeforeAll
	void pushThePatient() {
		run = UUID.randomUUID().toString().substring(0, 8);
		put(TrialFixtures.study("SOFA-2 IT " + run), id("study"));
		Patient patient = TrialFixtures.patient(id("mrn"), LocalDate.of(1960, 3, 3));
		put(patient, id("patient"));
		put(TrialFixtures.subject("ResearchStudy/" + id("study"), "Patient/" + id("patient"), "rTM", T0), id("subject"));

		quantity("wt", 1, -1, "29463-7", "80", "kg", "vital-signs");
		// day 1
		procedure("hfno", 1, 0, 1, 12.0, new Coding(SUPPORT, "hfno", null));
		procedure("vent", 1, 12, null, null, new Coding(SNOMED, "40617009", null));
		quantity("fio2", 1, 2.5, "3150-0", "0.5", "1", "vital-signs");
		quantity("spo2", 1, 3, "59408-5", "92", "%", "vital-signs");
		quantity("pao2", 1, 14, "2703-7", "90", "mm[Hg]", "laboratory");
		quantity("gasfio2", 1, 14, "3150-0", "0.45", "1", "laboratory");
		quantity("gcs", 1, 1, "9269-2", "13", "{score}", "vital-signs");
		infusion("propofol", "8782", 1, 12, 2, 10.0, "20", "mL/h");
		quantity("gcs-sedated", 1, 16, "9269-2", "3", "{score}", "vital-signs");
		infusion("ne", "7512", 1, 2, 1, 10.0, "0.1", "ug/kg/min");
		infusion("avp", "11149", 1, 4, 1, 8.0, "0.03", "U/min");
		quantity("map", 1, 5, "8478-0", "65", "mm[Hg]", "vital-signs");
		quantity("bil", 1, 4, "1975-2", "2.5", "mg/dL", "laboratory");
		quantity("cre", 1, 4, "2160-0", "2.4", "mg/dL", "laboratory");
		quantity("k", 1, 4, "2823-3", "6.2", "mmol/L", "laboratory");
		quantity("plt", 1, 4, "777-3", "9.0", "10*4/uL", "laboratory");
		// day 2
		procedure("ecmo", 2, 6, 2, 20.0, new Coding(SNOMED, "233573008", null), new Coding(SUPPORT, "ecmo-vv", null));
		procedure("crrt", 2, 3, 2, 15.0, new Coding(SNOMED, "714749008", null));
		quantity("gcs", 2, 12, "9269-2", "10", "{score}", "vital-signs");
		MedicationAdministration haloperidol = administration("halo", "5093", 2, 20);
		haloperidol.setEffective(at(2, 20));
		infusion("dopa", "3628", 2, 2, 2, 8.0, "25", "ug/kg/min");
		infusion("ne-short", "7512", 2, 12, 2, 12.75, "0.5", "ug/kg/min");
		quantity("map", 2, 9, "8478-0", "60", "mm[Hg]", "vital-signs");
		quantity("bil", 2, 4, "1975-2", "6.5", "mg/dL", "laboratory");
		quantity("cre", 2, 4, "2160-0", "2.0", "mg/dL", "laboratory");
		quantity("plt", 2, 4, "777-3", "4.5", "10*4/uL", "laboratory");
		FhirTestClient.fhir(port).transaction().withBundle(bundle).execute();
	}

	@Test
	void sofa2ComesOutOfDeriveScoresWithItsComponentsWorkedOutByHand() {
		Parameters onlySofa2 = new Parameters();
		onlySofa2.addParameter().setName("score").setValue(new CodeType("sofa-2"));
		Map<String, Observation> derived = byIdentifier(FhirTestClient.fhir(port, TestRole.INVESTIGATOR).operation()
				.onInstance(new IdType("ResearchSubject", id("subject"))).named("$derive-scores")
				.withParameters(onlySofa2).returnResourceType(Bundle.class).execute());
		assertThat(derived).containsOnlyKeys(key(1), key(2));

		// Day 1
		// brain: GCS 13 at hour 1 -> 1; propofol from hour 12: the GCS 3 at hour 16 is ignored, the GCS before
		//   the episode (13) is carried -> 1
		// respiratory: SpO2 92 % / FiO2 0.5 (charted 30 min before) = 184 on HFNO: 120 < 184 <= 200 -> 3;
		//   P/F 90 / 0.45 = 200 on invasive ventilation: 150 < 200 <= 225 -> 2; max 3
		// cardiovascular: NE 0.1 hours 2-10 -> 2; with vasopressin hours 4-8 -> 2 + 1 = 3; MAP 65 -> 1; max 3
		// liver: bilirubin 2.5: 1.2 < 2.5 <= 3.0 -> 1
		// kidney: creatinine 2.4 -> 2; RRT criteria: 2.4 > 1.2 and K 6.2 >= 6.0 -> 4
		// hemostasis: 9.0 x10^4/uL = 90 x10^9/L: 80 < 90 <= 100 -> 2
		// total 1 + 3 + 3 + 1 + 4 + 2 = 14
		Observation day1 = derived.get(key(1));
		assertThat(day1.getValueIntegerType().getValue()).isEqualTo(14);
		assertComponents(day1, 1, 3, 3, 1, 4, 2);
		assertThat(flags(day1)).contains("rrt-criteria-met", "presedation-gcs-used");
		assertThat(day1.getExtensionByUrl(DerivedObservations.ALGORITHM_VERSION).getValue().primitiveValue())
				.isEqualTo(Scores.ALGORITHM_VERSION).isEqualTo("trialfhir-scores-1.1.0");

		// Day 2
		// brain: sedated hours 0-10 (propofol until day 2 hour 10) -> carried GCS 13 -> 1; GCS 10 at hour 12
		//   unsedated -> 2; haloperidol at hour 20 -> at least 1; max 2
		// respiratory: VV-ECMO hours 6-20 -> 4
		// cardiovascular: dopamine 25 alone hours 2-8: 20 < 25 <= 40 -> 3; NE 0.5 for 45 min is no 1-h episode;
		//   VV-ECMO is no circulatory support; MAP 60 -> 1; max 3
		// liver: 6.5: 6.0 < 6.5 <= 12.0 -> 3
		// kidney: CRRT hours 3-15 -> 4
		// hemostasis: 45 <= 50 -> 4
		// total 2 + 4 + 3 + 3 + 4 + 4 = 20
		Observation day2 = derived.get(key(2));
		assertThat(day2.getValueIntegerType().getValue()).isEqualTo(20);
		assertComponents(day2, 2, 4, 3, 3, 4, 4);
		assertThat(day2.getExtensionsByUrl(DerivedObservations.DERIVED_FROM).stream()
				.map(e -> ((Reference) e.getValue()).getReference()).toList())
				.contains("Procedure/" + id("d2-ecmo"), "Procedure/" + id("d2-crrt"),
						"MedicationAdministration/" + id("d2-dopa"));
	}

	@Test
	void anAdmissionWeightIsAcceptedInKgAndRefusedInPounds() {
		// the eCRF item admission-weight (SOFA-2's last weight fallback) must be a positive quantity in kg
		Observation kg = admissionWeight("80", "kg");
		assertThat(FhirTestClient.fhir(port).create().resource(kg).execute().getCreated()).isTrue();
		Observation pounds = admissionWeight("176", "[lb_av]");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> FhirTestClient.fhir(port).create().resource(pounds)
				.execute()).isInstanceOf(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class)
				.hasMessageContaining("admission-weight");
	}

	private Observation admissionWeight(String value, String unit) {
		Observation o = new Observation();
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
				"survey", null)));
		o.setCode(new CodeableConcept(new Coding("http://trialfhir.org/fhir/CodeSystem/trial-ecrf", "admission-weight",
				null)));
		o.setSubject(patient());
		o.setEffective(at(1, 0.5));
		o.setValue(new Quantity().setValue(new BigDecimal(value)).setSystem(TrialFixtures.UCUM).setCode(unit)
				.setUnit(unit));
		return o;
	}

	private static void assertComponents(Observation o, int brain, int respiratory, int cardiovascular, int liver,
			int kidney, int hemostasis) {
		Map<String, Integer> expected = Map.of("sofa-2-brain", brain, "sofa-2-respiratory", respiratory,
				"sofa-2-cardiovascular", cardiovascular, "sofa-2-liver", liver, "sofa-2-kidney", kidney,
				"sofa-2-hemostasis", hemostasis);
		expected.forEach((code, points) -> assertThat(component(o, code).getValueIntegerType().getValue()).as(code)
				.isEqualTo(points));
	}

	private String key(int day) {
		return DerivedObservations.identifierValue(id("subject"), "sofa-2", day);
	}

	private String id(String key) {
		return "s2it-" + run + "-" + key;
	}

	private static Map<String, Observation> byIdentifier(Bundle bundle) {
		Map<String, Observation> byKey = new HashMap<>();
		for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
			Observation o = (Observation) e.getResource();
			byKey.put(o.getIdentifierFirstRep().getValue(), o);
		}
		return byKey;
	}

	private static List<String> flags(Observation o) {
		return o.getExtensionsByUrl(DerivedObservations.SCORE_FLAG).stream().map(Extension::getValue)
				.map(v -> v.primitiveValue()).toList();
	}

	private void quantity(String key, int day, double hour, String loinc, String value, String unit,
			String category) {
		Observation o = new Observation();
		o.setStatus(Observation.ObservationStatus.FINAL);
		o.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
				category, null)));
		o.setCode(new CodeableConcept(new Coding(TrialFixtures.LOINC, loinc, null)));
		o.setSubject(patient());
		o.setEffective(at(day, hour));
		o.setValue(new Quantity().setValue(new BigDecimal(value)).setSystem(TrialFixtures.UCUM).setCode(unit)
				.setUnit(unit));
		put(o, id("d" + day + "-" + key));
	}

	private void procedure(String key, int day, double from, Integer toDay, Double toHour, Coding... codes) {
		Procedure p = new Procedure();
		p.setStatus(toDay == null ? Procedure.ProcedureStatus.INPROGRESS : Procedure.ProcedureStatus.COMPLETED);
		CodeableConcept code = new CodeableConcept();
		for (Coding c : codes) {
			code.addCoding(c);
		}
		p.setCode(code);
		p.setSubject(patient());
		p.setPerformed(new Period().setStartElement(at(day, from))
				.setEndElement(toDay == null ? null : at(toDay, toHour)));
		put(p, id("d" + day + "-" + key));
	}

	private MedicationAdministration administration(String key, String rxnorm, int day, double hour) {
		MedicationAdministration m = new MedicationAdministration();
		m.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		m.setMedication(new CodeableConcept(new Coding(RXNORM, rxnorm, null)));
		m.setSubject(patient());
		m.setEffective(at(day, hour));
		put(m, id("d" + day + "-" + key));
		return m;
	}

	private void infusion(String key, String rxnorm, int day, double from, int toDay, double toHour, String rate,
			String unit) {
		MedicationAdministration m = administration(key, rxnorm, day, from);
		m.setEffective(new Period().setStartElement(at(day, from)).setEndElement(at(toDay, toHour)));
		m.getDosage().setRate(new Quantity().setValue(new BigDecimal(rate)).setSystem(TrialFixtures.UCUM)
				.setCode(unit).setUnit(unit));
	}

	private Reference patient() {
		return new Reference("Patient/" + id("patient"));
	}

	private static DateTimeType at(int day, double hour) {
		return new DateTimeType(Date.from(T0.plus(Duration.ofMinutes(Math.round((24L * (day - 1) + hour) * 60)))));
	}

	private void put(Resource resource, String id) {
		resource.setId(resource.fhirType() + "/" + id);
		bundle.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl(resource.fhirType() + "/" + id);
	}
}
