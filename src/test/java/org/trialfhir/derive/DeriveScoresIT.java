package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * {@code $derive-scores} end to end on {@link SepticDicCase}. Every expected score below is worked out by hand from
 * SCORES.md (§3 SOFA, §4 APACHE II, §5 SIRS, §6 JAAM, §7 ISTH, §8 JMHW); the arithmetic is in the comments.
 * Platelets are sent in ×10⁴/µL (×10 → ×10⁹/L); PT control 12.0 s; age 73 → APACHE age points 5 (65–74); chronic
 * health false → 0; underlying disease and organ failure true from day 1; bleeding true from day 6.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeriveScoresIT {

	// SOFA = respiration + coagulation + liver + cardiovascular + CNS + renal
	// d1: P/F 80/0.6 = 133.3 on MV (<200) 3; plt 75 (50-100) 2; bili 1.4 (1.2-2) 1; NE 0.15 > 0.1 4; GCS 8 (6-9) 3;
	//     renal max(cre 1.8 -> 1, urine 150+200 = 350 < 500 -> 3) 3                                   = 16
	// d2: 95/0.5 (FiO2 charted 3 h before) = 190 on MV 3; plt 68 2; bili 2.2 (2-6) 2; NE 0.15 for 24-30 h 4; GCS 8 3;
	//     max(cre 2.1 -> 2, urine 600 -> 0) 2                                                          = 16
	// d3: 100/0.4 = 250 (<300) 2; plt 61 2; bili 2.5 2; NE 0.288 mg/h / 60 kg = 0.08 (<=0.1) for 2 h 3; GCS 9 3;
	//     max(cre 1.6 -> 1, urine 1300 -> 0) 1                                                         = 13
	// d4: 110/0.35 = 314.3 (300-400) 1; plt 72 2; bili 1.9 1; no agent, MAP 74 0; GCS 10 2; cre 1.3 1, urine
	//     covers half the day (not used)                                                              = 7
	// d5: gas 120/0.3 = 400 on MV 0, gas after extubation 62/0.28 = 221.4 no support (<300) 2 -> 2; plt 85 2;
	//     bili 1.5 1; MAP 80 0; GCS 13 1; cre 1.1 0                                                     = 6
	// d6: 75/0.21 = 357.1 1; plt 90 2; bili 1.2 1; MAP 64 < 70 1; GCS 15 0; cre 1.0 0                    = 5
	// d7: no gas (missing); plt 110 (100-150) 1; others 0                                              = 1
	// d8: plt 135 1 = 1;  d9: plt 152 0 = 0;  d10: plt 180 0 = 0
	static final int[] SOFA = {16, 16, 13, 7, 6, 5, 1, 1, 0, 0};

	// APACHE II = APS (temp, MAP, HR, RR, oxygenation, pH/HCO3, Na, K, creatinine, Hct, WBC, 15 - GCS) + age 5
	// d1: T 39.2 3; MAP 62 2; HR 128 2; RR 28 1; FiO2 0.6 -> A-aDO2 0.6*(760-47) - 38/0.8 - 80 = 427.8 - 47.5 - 80
	//     = 300.3 (200-350) 2; pH 7.28 2; Na 133 0; K 3.3 1; cre 1.8 2; Hct 31 0; WBC 18.5 1; GCS 15-8 = 7
	//     APS 23 + 5                                                                                  = 28
	// d2: T 38.6 1; MAP 66 2; HR 118 2; RR 26 1; A-aDO2 0.5*713 - 41/0.8 - 95 = 356.5 - 51.25 - 95 = 210.25 2;
	//     pH 7.31 2; Na 136 0; K 3.8 0; cre 2.1 3; Hct 29 2; WBC 16 1; GCS 7 -> APS 23 + 5                = 28
	// d3: all vitals 0 (T 38.3, MAP 70, HR 102, RR 22); FiO2 0.4 -> PaO2 100 0; pH 7.36 0; cre 1.6 2; Hct 28 2;
	//     WBC 13 0; GCS 6 -> APS 10 + 5                                                                 = 15
	// d4: GCS 5 only (Hct 30 0, cre 1.3 0) -> 5 + 5                                                     = 10
	// d5: oxygenation: PaO2 120 @ 0.3 -> 0, PaO2 62 @ 0.28 (61-70) -> 1, highest 1; GCS 2 -> 3 + 5      = 8
	// d6: MAP 64 2; Hct 24 2 -> 4 + 5                                                                   = 9
	// d7-d9: Hct 27 / 28 / 29 (20-30) 2, acid-base from HCO3 23-25 0, oxygenation missing -> 2 + 5      = 7
	// d10: Hct 30 0 -> 0 + 5                                                                            = 5
	static final int[] APACHE = {28, 28, 15, 10, 8, 9, 7, 7, 7, 5};

	// SIRS: T > 38 or < 36; HR > 90; RR > 20 or PaCO2 < 32; WBC > 12 or < 4
	// d1 4; d2 4; d3 (38.3, 102, 22, 13) 4; d4 (HR 96 only) 1; d5 (HR 92, RR 24) 2; d6 (38.4, 108, 22, 12.5) 4;
	// d7 (HR 90 is not > 90, RR 20 not > 20) 0; d8-d10 0
	static final int[] SIRS = {4, 4, 4, 1, 2, 4, 0, 0, 0, 0};

	// JAAM = SIRS item + platelets (count or 24-h fall) + PT ratio + FDP; DIC >= 4
	// d1: SIRS 4 -> 1; plt 75 < 80 -> 3 (fall 120 -> 75 = 37.5 % -> 1); PT 15.6/12 = 1.3 -> 1; FDP 32 -> 3 = 8
	// d2: 1; plt 68 -> 3 (fall from 120 exactly 24 h before = 43.3 %); 16.2/12 = 1.35 -> 1; FDP 28 -> 3  = 8
	// d3: 1; plt 61 -> 3; 15.0/12 = 1.25 -> 1; FDP 22 (10-25) -> 1                                      = 6
	// d4: SIRS 1 met, none missing -> 0; plt 72 -> 3; 14.4/12 = 1.2 (>= 1.2) -> 1; FDP 15 -> 1           = 5
	// d5: SIRS 2 -> 0; plt 85 (80-120) -> 1, a rise from 72; 13.8/12 = 1.15 -> 0; FDP 11 -> 1            = 2
	// d6: SIRS 4 -> 1; plt 90 -> 1; 1.1 -> 0; FDP 9.5 -> 0                                               = 2
	// d7: 0; plt 110 -> 1; 0; FDP 7 -> 0 = 1;  d8: plt 135 0, INR 1.10 as PT ratio (flagged) 0, FDP 5 0 = 0
	// d9: FDP missing, D-dimer 6.0 through Sysmex 5.4 / 13.2 -> 1 (flagged); rest 0                     = 1
	// d10: 0
	static final int[] JAAM = {8, 8, 6, 5, 2, 2, 1, 0, 1, 0};
	static final Boolean[] JAAM_DIC = {true, true, true, true, false, false, false, false, false, false};

	// ISTH = platelets (>=100 0, 50-100 1, <50 2) + FDP (<10 0, 10-25 2, >=25 3) + PT s over 12.0 (<3 0, 3-6 1,
	// >=6 2) + fibrinogen (<100 mg/dL 1); overt DIC >= 5
	// d1: 75 -> 1; 32 -> 3; 15.6 - 12 = 3.6 -> 1; 180 -> 0 = 5 (true)
	// d2: 68 -> 1; 28 -> 3; 4.2 -> 1; 140 -> 0 = 5 (true)
	// d3: 61 -> 1; 22 -> 2; 3.0 -> 1; 130 -> 0 = 4, nothing missing (false)
	// d4: 72 -> 1; 15 -> 2; 2.4 -> 0 = 3;  d5: 85 -> 1; 11 -> 2; 1.8 -> 0 = 3;  d6: 90 -> 1; 9.5 -> 0 = 1
	// d7: 110 -> 0 = 0;  d8: PT missing (INR is never used), max possible 2 = 0;  d9: fibrin marker missing (no
	// D-dimer cut-offs), max possible 3 = 0;  d10: 0
	static final int[] ISTH = {5, 5, 4, 3, 3, 1, 0, 0, 0, 0};
	static final Boolean[] ISTH_DIC = {true, true, false, false, false, false, false, false, false, false};

	// JMHW = underlying disease 1 + bleeding + organ failure 1 + FDP (<10 0, 10-20 1, 20-40 2) + platelets (>120 0,
	// 80-120 1, 50-80 2, <=50 3) + fibrinogen (>150 0, 100-150 1) + PT ratio (<1.25 0, 1.25-1.67 1); DIC >= 7,
	// suspected 6, unlikely <= 5
	// d1: 1 + 0 + 1 + 32 -> 2 + 75 -> 2 + 180 -> 0 + 1.3 -> 1 = 7 (dic)
	// d2: 1 + 0 + 1 + 28 -> 2 + 68 -> 2 + 140 -> 1 + 1.35 -> 1 = 8 (dic)
	// d3: 1 + 0 + 1 + 22 -> 2 + 61 -> 2 + 130 -> 1 + 1.25 -> 1 = 8 (dic)
	// d4: 1 + 0 + 1 + 15 -> 1 + 72 -> 2 + 0 + 1.2 -> 0 = 5 (unlikely)
	// d5: 1 + 0 + 1 + 11 -> 1 + 85 -> 1 + 0 + 0 = 4;  d6: 1 + bleeding 1 + 1 + 0 + 90 -> 1 = 4;
	// d7: 1 + 1 + 1 + 110 -> 1 = 4;  d8: 1 + 1 + 1 + 135 -> 0 = 3;
	// d9: FDP missing (D-dimer never replaces it) 3, max possible 6: unlikely at 3, suspected at 6 -> indeterminate
	// d10: 3
	static final int[] JMHW = {7, 8, 8, 5, 4, 4, 4, 3, 3, 3};
	static final String[] JMHW_CATEGORY = {"dic", "dic", "dic", "unlikely", "unlikely", "unlikely", "unlikely",
			"unlikely", null, "unlikely"};

	@LocalServerPort
	int port;

	SepticDicCase patient;

	@BeforeAll
	void pushThePatient() {
		patient = push();
	}

	/** A fresh copy of the case (own ids), for tests that change its inputs. */
	private SepticDicCase push() {
		SepticDicCase fresh = new SepticDicCase(UUID.randomUUID().toString().substring(0, 8));
		FhirTestClient.fhir(port).transaction().withBundle(fresh.build()).execute();
		return fresh;
	}

	@Test
	void derivesEveryDayAndScoreAsWorkedOutByHandAndAgainWithoutNewVersions() {
		Map<String, Observation> derived = byIdentifier(derive(new Parameters()));
		assertThat(derived).hasSize(60);
		for (int day = 1; day <= 10; day++) {
			int i = day - 1;
			assertThat(total(derived, "sofa", day)).as("SOFA day %d", day).isEqualTo(SOFA[i]);
			assertThat(total(derived, "apache-ii", day)).as("APACHE II day %d", day).isEqualTo(APACHE[i]);
			assertThat(total(derived, "sirs", day)).as("SIRS day %d", day).isEqualTo(SIRS[i]);
			assertThat(total(derived, "jaam-dic", day)).as("JAAM day %d", day).isEqualTo(JAAM[i]);
			assertThat(total(derived, "isth-dic", day)).as("ISTH day %d", day).isEqualTo(ISTH[i]);
			assertThat(total(derived, "jmhw-dic", day)).as("JMHW day %d", day).isEqualTo(JMHW[i]);
			assertThat(component(derived.get(key("jaam-dic", day)), "jaam-dic-diagnosis").getValueBooleanType()
					.getValue()).as("JAAM DIC day %d", day).isEqualTo(JAAM_DIC[i]);
			assertThat(component(derived.get(key("isth-dic", day)), "isth-dic-diagnosis").getValueBooleanType()
					.getValue()).as("ISTH overt DIC day %d", day).isEqualTo(ISTH_DIC[i]);
			Observation.ObservationComponentComponent category =
					component(derived.get(key("jmhw-dic", day)), "jmhw-dic-category");
			assertThat(category.hasValue() ? category.getValueCodeableConcept().getCodingFirstRep().getCode() : null)
					.as("JMHW category day %d", day).isEqualTo(JMHW_CATEGORY[i]);
		}
		assertShape(derived.get(key("sofa", 1)), 1);
		assertDetails(derived);

		Map<String, Observation> again = byIdentifier(derive(new Parameters()));
		assertThat(again.keySet()).isEqualTo(derived.keySet());
		again.forEach((key, o) -> assertThat(o.getIdElement().getVersionIdPart()).as(key)
				.isEqualTo(derived.get(key).getIdElement().getVersionIdPart()));

		Bundle studyLevel = FhirTestClient.fhir(port, TestRole.INVESTIGATOR).operation()
				.onInstance(new IdType("ResearchStudy", patient.studyId())).named("$derive-scores")
				.withParameters(new Parameters().addParameter("score", new org.hl7.fhir.r4.model.CodeType("sofa"))
						.addParameter("day", new org.hl7.fhir.r4.model.IntegerType(3)))
				.returnResourceType(Bundle.class).execute();
		assertThat(studyLevel.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
		assertThat(studyLevel.getEntry()).singleElement().satisfies(e -> {
			assertThat(((Observation) e.getResource()).getValueIntegerType().getValue()).isEqualTo(13);
			assertThat(e.getResource().getIdElement().getVersionIdPart())
					.isEqualTo(derived.get(key("sofa", 3)).getIdElement().getVersionIdPart());
		});
	}

	/** The CONTRACT.md shape of one derived Observation. */
	private void assertShape(Observation sofa, int day) {
		assertThat(sofa.getMeta().getProfile()).extracting(p -> p.getValue())
				.containsExactly("http://trialfhir.org/fhir/StructureDefinition/TrialDerivedScore");
		assertThat(sofa.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
		assertThat(sofa.getCode().getCodingFirstRep().getSystem())
				.isEqualTo("http://trialfhir.org/fhir/CodeSystem/trial-score");
		assertThat(sofa.getSubject().getReference()).isEqualTo("Patient/" + patient.patientId());
		assertThat(sofa.getEffectivePeriod().getStartElement().getValueAsString())
				.isEqualTo("2026-04-01T10:00:00+09:00");
		assertThat(sofa.getEffectivePeriod().getEndElement().getValueAsString())
				.isEqualTo("2026-04-02T10:00:00+09:00");
		assertThat(((org.hl7.fhir.r4.model.IntegerType) sofa.getExtensionByUrl(
				"http://trialfhir.org/fhir/StructureDefinition/study-day").getValue()).getValue()).isEqualTo(day);
		assertThat(sofa.getExtensionByUrl("http://trialfhir.org/fhir/StructureDefinition/algorithm-version")
				.getValue().primitiveValue()).isEqualTo("trialfhir-scores-1.0.0");
		assertThat(sofa.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode()).containsExactly(
				"sofa-respiration", "sofa-coagulation", "sofa-liver", "sofa-cardiovascular", "sofa-cns", "sofa-renal");
		assertThat(sofa.getComponent()).extracting(c -> c.getValueIntegerType().getValue())
				.containsExactly(3, 2, 1, 4, 3, 3);
	}

	/** Sources, missing components and flags on the days that have them. */
	private void assertDetails(Map<String, Observation> derived) {
		Observation sofa3 = derived.get(key("sofa", 3));
		assertThat(references(sofa3.getDerivedFrom())).contains(
				"Observation/" + patient.observationId(1, "weight"), // the 60 kg that made 0.288 mg/h 0.08 ug/kg/min
				"Observation/" + patient.observationId(3, "plt"), "Observation/" + patient.observationId(3, "pao2-h6"))
				.allMatch(r -> r.startsWith("Observation/"));
		assertThat(references(sofa3.getExtensionsByUrl(DerivedObservations.DERIVED_FROM).stream()
				.map(e -> (Reference) e.getValue()).toList())).containsExactlyInAnyOrder(
				"MedicationAdministration/" + patient.id("ne-2"), "Procedure/" + patient.id("ventilation"));
		// the JAAM day-2 fall used the day-1 count taken exactly 24 h earlier
		assertThat(references(derived.get(key("jaam-dic", 2)).getDerivedFrom()))
				.contains("Observation/" + patient.observationId(1, "plt"));

		assertThat(flags(derived.get(key("sofa", 4))))
				.contains("vasopressor-data-absent", "urine-window-incomplete");
		assertThat(flags(derived.get(key("jaam-dic", 8)))).contains("inr-for-pt-ratio");
		assertThat(flags(derived.get(key("jaam-dic", 9)))).contains("ddimer-for-fdp");
		assertThat(flags(derived.get(key("apache-ii", 7)))).contains("hco3-for-ph");
		assertThat(derived.get(key("sofa", 4)).getNote()).isNotEmpty();

		assertAbsent(component(derived.get(key("sofa", 7)), "sofa-respiration"));
		assertAbsent(component(derived.get(key("apache-ii", 7)), "apache-ii-oxygenation"));
		assertAbsent(component(derived.get(key("isth-dic", 8)), "isth-dic-pt-prolongation"));
		assertThat(component(derived.get(key("isth-dic", 8)), "isth-dic-max-possible").getValueIntegerType()
				.getValue()).isEqualTo(2); // 0 + the 2 points a missing PT prolongation could add
		assertAbsent(component(derived.get(key("jmhw-dic", 9)), "jmhw-dic-fdp"));
		assertAbsent(component(derived.get(key("jmhw-dic", 9)), "jmhw-dic-category"));
		assertThat(component(derived.get(key("jmhw-dic", 9)), "jmhw-dic-max-possible").getValueIntegerType()
				.getValue()).isEqualTo(6); // 3 + FDP's 3
		assertThat(component(derived.get(key("apache-ii", 1)), "apache-ii-aps").getValueIntegerType().getValue())
				.isEqualTo(23);
		assertThat(component(derived.get(key("apache-ii", 1)), "apache-ii-age-points").getValueIntegerType()
				.getValue()).isEqualTo(5);
	}

	@Test
	void aCorrectedPlateletCountReDerivesItsDayAndTheNextByItself() {
		SepticDicCase patient = push();
		IGenericClient admin = FhirTestClient.fhir(port);
		derive(patient, new Parameters());
		Observation day4 = admin.read().resource(Observation.class).withId(patient.observationId(4, "plt")).execute();
		day4.setStatus(Observation.ObservationStatus.CORRECTED);
		day4.getValueQuantity().setValue(new java.math.BigDecimal("18.0"));
		admin.update().resource(day4).execute();

		// d4 SOFA: platelets 180 -> coagulation 0: 1 + 0 + 1 + 0 + 2 + 1 = 5 (was 7)
		Observation sofa4 = awaitDerived(patient, "sofa", 4, o -> o.getValueIntegerType().getValue() == 5);
		assertThat(sofa4.getIdElement().getVersionIdPart()).isNotEqualTo("1");
		// d5 JAAM: 180 (day 4 hour 4) -> 85 (day 5 hour 4) exactly 24 h later = 52.8 % fall >= 50 % -> platelets 3;
		// 0 + 3 + 0 + 1 = 4 -> DIC
		Observation jaam5 = awaitDerived(patient, "jaam-dic", 5, o -> o.getValueIntegerType().getValue() == 4);
		assertThat(component(jaam5, "jaam-dic-platelets").getValueIntegerType().getValue()).isEqualTo(3);
		assertThat(component(jaam5, "jaam-dic-diagnosis").getValueBooleanType().getValue()).isTrue();
	}

	@Test
	void deletingAnInputReDerivesItsDay() {
		SepticDicCase patient = push();
		// pushed as one transaction bundle: derived by the worker without any $derive-scores call (d9 JAAM = 1 above)
		awaitDerived(patient, "jaam-dic", 9, o -> o.getValueIntegerType().getValue() == 1);
		FhirTestClient.fhir(port).delete().resourceById("Observation", patient.observationId(9, "ddimer")).execute();
		// d9 JAAM without the D-dimer: FDP item missing -> 0 + 0 + 0 = 0, max possible 0 + 3 = 3 < 4 -> no DIC
		Observation jaam9 = awaitDerived(patient, "jaam-dic", 9,
				o -> !component(o, "jaam-dic-fdp").hasValue() && o.getValueIntegerType().getValue() == 0);
		assertAbsent(component(jaam9, "jaam-dic-fdp"));
		assertThat(component(jaam9, "jaam-dic-max-possible").getValueIntegerType().getValue()).isEqualTo(3);
		assertThat(references(jaam9.getDerivedFrom())).doesNotContain(
				"Observation/" + patient.observationId(9, "ddimer"));
	}

	@Test
	void refusesBadParametersUnknownSubjectsAndResearchTokens() {
		String subject = "ResearchSubject/" + patient.subjectId() + "/$derive-scores";
		String dayZero = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"day\",\"valueInteger\":0}]}";
		String unknownScore = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"score\",\"valueCode\":"
				+ "\"qsofa\"}]}";
		for (String body : List.of(dayZero, unknownScore)) {
			FhirTestClient.http(port, TestRole.INVESTIGATOR).contentType("application/fhir+json").body(body)
					.post(subject).then().statusCode(400).body("resourceType", org.hamcrest.Matchers.equalTo(
							"OperationOutcome"));
		}
		FhirTestClient.http(port, TestRole.INVESTIGATOR).contentType("application/fhir+json")
				.body("{\"resourceType\":\"Parameters\"}").post("ResearchSubject/no-such-subject/$derive-scores")
				.then().statusCode(404).body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"));
		assertThatThrownBy(() -> FhirTestClient.fhir(port, TestRole.RESEARCH).operation()
				.onInstance(new IdType("ResearchSubject", patient.subjectId())).named("$derive-scores")
				.withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute())
				.isInstanceOf(ForbiddenOperationException.class);
	}

	private Bundle derive(Parameters parameters) {
		return derive(patient, parameters);
	}

	private Bundle derive(SepticDicCase subject, Parameters parameters) {
		return FhirTestClient.fhir(port, TestRole.INVESTIGATOR).operation()
				.onInstance(new IdType("ResearchSubject", subject.subjectId())).named("$derive-scores")
				.withParameters(parameters).returnResourceType(Bundle.class).execute();
	}

	/** Polls the stored derived Observation until it exists and satisfies {@code done} (derivation is asynchronous). */
	private Observation awaitDerived(SepticDicCase subject, String score, int day, Predicate<Observation> done) {
		IGenericClient admin = FhirTestClient.fhir(port);
		String key = DerivedObservations.identifierValue(subject.subjectId(), score, day);
		String id = DerivedScoreStore.resourceId(key);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		Observation current = null;
		while (Instant.now().isBefore(deadline)) {
			try {
				current = admin.read().resource(Observation.class).withId(id).execute();
				if (done.test(current)) {
					return current;
				}
			} catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException notYet) {
				current = null;
			}
			sleep(250);
		}
		throw new AssertionError("derived " + key + " not re-derived in time; last: "
				+ FhirTestClient.json(current));
	}

	private String key(String score, int day) {
		return DerivedObservations.identifierValue(patient.subjectId(), score, day);
	}

	private static Map<String, Observation> byIdentifier(Bundle bundle) {
		Map<String, Observation> byKey = new HashMap<>();
		for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
			Observation o = (Observation) e.getResource();
			byKey.put(o.getIdentifierFirstRep().getValue(), o);
		}
		return byKey;
	}

	private int total(Map<String, Observation> derived, String score, int day) {
		return derived.get(key(score, day)).getValueIntegerType().getValue();
	}

	private static Observation.ObservationComponentComponent component(Observation o, String code) {
		return o.getComponent().stream().filter(c -> c.getCode().getCodingFirstRep().getCode().equals(code))
				.findFirst().orElseThrow(() -> new AssertionError("no component " + code));
	}

	private static void assertAbsent(Observation.ObservationComponentComponent c) {
		assertThat(c.hasValue()).isFalse();
		assertThat(c.getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("unknown");
	}

	private static List<String> flags(Observation o) {
		return o.getExtensionsByUrl(DerivedObservations.SCORE_FLAG).stream().map(Extension::getValue)
				.map(v -> v.primitiveValue()).toList();
	}

	private static List<String> references(List<Reference> references) {
		return references.stream().map(Reference::getReference).toList();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
