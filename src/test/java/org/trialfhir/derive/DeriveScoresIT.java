package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trialfhir.derive.DerivedScoreAssertions.assertAbsent;
import static org.trialfhir.derive.DerivedScoreAssertions.component;
import static org.trialfhir.derive.DerivedScoreAssertions.references;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.trialfhir.support.FhirTestClient;
import org.trialfhir.support.TestRole;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * {@code $derive-scores} end to end on {@link SepticDicCase}, against the scores worked out by hand in
 * {@link SepticDicCaseScores}; re-derivation after input changes is {@link RederiveOnChangeIT}.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeriveScoresIT {

	@LocalServerPort
	int port;

	SepticDicCase patient;

	@BeforeAll
	void pushThePatient() {
		patient = new SepticDicCase(UUID.randomUUID().toString().substring(0, 8));
		FhirTestClient.fhir(port).transaction().withBundle(patient.build()).execute();
	}

	@Test
	void derivesEveryDayAndScoreAsWorkedOutByHandAndAgainWithoutNewVersions() {
		Map<String, Observation> derived = byIdentifier(derive(new Parameters()));
		// 10 days x every score computed (SOFA, APACHE II, SIRS, JAAM, ISTH, JMHW, SIC, JAAM-2, SOFA-2)
		assertThat(DerivedScoreAssertions.scoresADay()).isEqualTo(9);
		assertThat(derived).hasSize(10 * DerivedScoreAssertions.scoresADay());
		for (int day = 1; day <= 10; day++) {
			int i = day - 1;
			assertThat(total(derived, "sofa", day)).as("SOFA day %d", day).isEqualTo(SepticDicCaseScores.SOFA[i]);
			assertThat(total(derived, "apache-ii", day)).as("APACHE II day %d", day).isEqualTo(SepticDicCaseScores.APACHE[i]);
			assertThat(total(derived, "sirs", day)).as("SIRS day %d", day).isEqualTo(SepticDicCaseScores.SIRS[i]);
			assertThat(total(derived, "jaam-dic", day)).as("JAAM day %d", day).isEqualTo(SepticDicCaseScores.JAAM[i]);
			assertThat(total(derived, "isth-dic", day)).as("ISTH day %d", day).isEqualTo(SepticDicCaseScores.ISTH[i]);
			assertThat(total(derived, "jmhw-dic", day)).as("JMHW day %d", day).isEqualTo(SepticDicCaseScores.JMHW[i]);
			assertThat(component(derived.get(key("jaam-dic", day)), "jaam-dic-diagnosis").getValueBooleanType()
					.getValue()).as("JAAM DIC day %d", day).isEqualTo(SepticDicCaseScores.JAAM_DIC[i]);
			assertThat(component(derived.get(key("isth-dic", day)), "isth-dic-diagnosis").getValueBooleanType()
					.getValue()).as("ISTH overt DIC day %d", day).isEqualTo(SepticDicCaseScores.ISTH_DIC[i]);
			Observation.ObservationComponentComponent category =
					component(derived.get(key("jmhw-dic", day)), "jmhw-dic-category");
			assertThat(category.hasValue() ? category.getValueCodeableConcept().getCodingFirstRep().getCode() : null)
					.as("JMHW category day %d", day).isEqualTo(SepticDicCaseScores.JMHW_CATEGORY[i]);
			assertThat(total(derived, "sic", day)).as("SIC day %d", day).isEqualTo(SepticDicCaseScores.SIC[i]);
			assertThat(bool(derived.get(key("sic", day)), "sic-diagnosis")).as("SIC diagnosis day %d", day)
					.isEqualTo(SepticDicCaseScores.SIC_DIAGNOSIS[i]);
			assertThat(bool(derived.get(key("sic", day)), "sic-diagnosis-total-ge4")).as("SIC total >= 4 day %d", day)
					.isEqualTo(SepticDicCaseScores.SIC_TOTAL_GE4[i]);
			assertThat(total(derived, "jaam-2-dic", day)).as("JAAM-2 day %d", day)
					.isEqualTo(SepticDicCaseScores.JAAM_2[i]);
			assertThat(bool(derived.get(key("jaam-2-dic", day)), "jaam-2-dic-diagnosis")).as("JAAM-2 DIC day %d", day)
					.isEqualTo(SepticDicCaseScores.JAAM_2_DIC[i]);
			// by construction (docs/scores-spec.md §13): a JAAM-positive day is JAAM-2-positive
			if (SepticDicCaseScores.JAAM_DIC[i]) {
				assertThat(SepticDicCaseScores.JAAM_2_DIC[i]).as("JAAM => JAAM-2 day %d", day).isTrue();
			}
		}
		assertSicAndJaam2Details(derived);
		assertShape(derived.get(key("sofa", 1)), 1);
		assertDetails(derived);

		Map<String, Observation> again = byIdentifier(derive(new Parameters()));
		assertThat(again.keySet()).isEqualTo(derived.keySet());
		again.forEach((key, o) -> assertThat(o.getIdElement().getVersionIdPart()).as(key)
				.isEqualTo(derived.get(key).getIdElement().getVersionIdPart()));

		Bundle studyLevel = FhirTestClient.fhir(port, TestRole.INVESTIGATOR).operation()
				.onInstance(new IdType("ResearchStudy", patient.studyId())).named("$derive-scores")
				.withParameters(new Parameters().addParameter("score", new CodeType("sofa"))
						.addParameter("day", new org.hl7.fhir.r4.model.IntegerType(3)))
				.returnResourceType(Bundle.class).execute();
		assertThat(studyLevel.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
		assertThat(studyLevel.getEntry()).singleElement().satisfies(e -> {
			assertThat(((Observation) e.getResource()).getValueIntegerType().getValue()).isEqualTo(13);
			assertThat(e.getResource().getIdElement().getVersionIdPart())
					.isEqualTo(derived.get(key("sofa", 3)).getIdElement().getVersionIdPart());
		});
	}

	/**
	 * The {@code derived-from} search finds, for an input, exactly the derived scores whose {@code derivedFrom} names
	 * it: the links HAPI indexed are those of the stored bodies, however the store handed the targets to HAPI.
	 */
	@Test
	void theDerivedFromSearchFindsExactlyTheScoresThatNameAnInput() {
		Map<String, Observation> derived = byIdentifier(derive(new Parameters()));
		List<String> inputs = derived.values().stream().flatMap(o -> references(o.getDerivedFrom()).stream())
				.distinct().sorted().toList();
		assertThat(inputs).hasSizeGreaterThan(10);
		IGenericClient fhir = FhirTestClient.fhir(port);
		for (String input : List.of(inputs.get(0), inputs.get(inputs.size() / 2), inputs.get(inputs.size() - 1))) {
			List<String> named = derived.values().stream()
					.filter(o -> references(o.getDerivedFrom()).contains(input))
					.map(o -> o.getIdElement().toUnqualifiedVersionless().getValue()).sorted().toList();
			Bundle found = fhir.search().forResource(Observation.class)
					.where(Observation.DERIVED_FROM.hasId(input)).count(1000).returnBundle(Bundle.class).execute();
			assertThat(found.getEntry().stream().map(e -> e.getResource().getIdElement().toUnqualifiedVersionless()
					.getValue()).sorted().toList()).as("derived-from=%s", input).isNotEmpty().isEqualTo(named);
		}
	}

	@Test
	void derivesEveryEnrolledSubjectOfAStudyInSubjectOrderAndSkipsOneWithoutT0() {
		String study = UUID.randomUUID().toString().substring(0, 8);
		List<SepticDicCase> copies = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			SepticDicCase copy = new SepticDicCase(study + "-" + i, study);
			FhirTestClient.fhir(port).transaction().withBundle(copy.build()).execute();
			copies.add(copy);
		}
		IGenericClient admin = FhirTestClient.fhir(port);
		String screened = admin.create().resource(TrialFixtures.patient("screened-" + study,
				LocalDate.of(1950, 1, 1))).execute().getId().toUnqualifiedVersionless().getValue();
		ResearchSubject noT0 = TrialFixtures.subject("ResearchStudy/" + copies.get(0).studyId(), screened, "rTM",
				Instant.now());
		noT0.setPeriod(null);
		admin.create().resource(noT0).execute();

		Bundle derived = FhirTestClient.fhir(port, TestRole.INVESTIGATOR).operation()
				.onInstance(new IdType("ResearchStudy", copies.get(0).studyId())).named("$derive-scores")
				.withParameters(new Parameters().addParameter("score", new CodeType("sofa")))
				.returnResourceType(Bundle.class).execute();

		List<String> expected = new ArrayList<>();
		copies.stream().map(SepticDicCase::subjectId).sorted().forEach(subject -> {
			for (int day = 1; day <= 10; day++) {
				expected.add(DerivedObservations.identifierValue(subject, "sofa", day) + "="
						+ SepticDicCaseScores.SOFA[day - 1]);
			}
		});
		assertThat(derived.getEntry()).extracting(e -> ((Observation) e.getResource()).getIdentifierFirstRep()
				.getValue() + "=" + ((Observation) e.getResource()).getValueIntegerType().getValue())
				.containsExactlyElementsOf(expected);
	}

	/** The docs/api.md §5.1 shape of one derived Observation. */
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
				.getValue().primitiveValue()).isEqualTo("trialfhir-scores-1.1.0");
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

	/** Components, sources and flags of SIC and JAAM-2 on the days that show them. */
	private void assertSicAndJaam2Details(Map<String, Observation> derived) {
		Observation sic1 = derived.get(key("sic", 1));
		assertThat(sic1.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode()).containsExactly(
				"sic-platelets", "sic-pt-inr", "sic-sofa", "sic-diagnosis", "sic-diagnosis-total-ge4",
				"sic-max-possible");
		assertThat(component(sic1, "sic-platelets").getValueIntegerType().getValue()).isEqualTo(2);
		assertThat(component(sic1, "sic-pt-inr").getValueIntegerType().getValue()).isEqualTo(1);
		assertThat(component(sic1, "sic-sofa").getValueIntegerType().getValue()).isEqualTo(2);
		assertThat(component(sic1, "sic-max-possible").getValueIntegerType().getValue()).isEqualTo(5);
		// no INR on day 1: PT 15.6 s / 12.0 s stood in; the SOFA parts' inputs are sources too (the day-1 gas)
		assertThat(flags(sic1)).contains("pt-ratio-for-inr").doesNotContain("sic-rule-divergent");
		assertThat(references(sic1.getDerivedFrom())).contains("Observation/" + patient.observationId(1, "pts"),
				"Observation/" + patient.observationId(1, "plt"), "Observation/" + patient.observationId(1, "pao2-h6"));
		assertThat(sic1.getExtensionByUrl("http://trialfhir.org/fhir/StructureDefinition/study-day").getValue()
				.primitiveValue()).isEqualTo("1");
		assertThat(sic1.getExtensionByUrl("http://trialfhir.org/fhir/StructureDefinition/algorithm-version")
				.getValue().primitiveValue()).isEqualTo("trialfhir-scores-1.1.0");
		// SIC reads the day's SOFA respiration, so the ventilation that made the gas "on MV" is one of its inputs
		assertThat(references(derived.get(key("sic", 3)).getExtensionsByUrl(DerivedObservations.DERIVED_FROM).stream()
				.map(e -> (Reference) e.getValue()).toList())).contains("Procedure/" + patient.id("ventilation"));
		// day 4: 2 + 0 + 2 = 4 with coagulation 2: the two readings differ
		assertThat(flags(derived.get(key("sic", 4)))).contains("sic-rule-divergent");
		// day 7: no gas, respiration counted 0 and listed; max 1 + (2 - 0) = 3
		assertThat(flags(derived.get(key("sic", 7)))).contains("sofa-part-missing");
		assertThat(component(derived.get(key("sic", 7)), "sic-max-possible").getValueIntegerType().getValue())
				.isEqualTo(3);
		// day 8: an INR was measured, so no surrogate
		assertThat(flags(derived.get(key("sic", 8)))).doesNotContain("pt-ratio-for-inr");

		Observation jaam2 = derived.get(key("jaam-2-dic", 1));
		assertThat(jaam2.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode()).containsExactly(
				"jaam-2-dic-platelets", "jaam-2-dic-fdp", "jaam-2-dic-pt-ratio", "jaam-2-dic-diagnosis",
				"jaam-2-dic-max-possible");
		assertThat(jaam2.getComponent()).extracting(c -> c.getValue().primitiveValue()).containsExactly("3", "3", "1",
				"true", "7");
		assertThat(flags(derived.get(key("jaam-2-dic", 8)))).contains("inr-for-pt-ratio");
		assertThat(flags(derived.get(key("jaam-2-dic", 9)))).contains("ddimer-for-fdp");
	}

	/**
	 * A site with {@code allow-pt-ratio-for-inr: false}: without an INR, SIC's PT-INR item is missing (day 1: total
	 * 2 + 2 = 4, max 4 + 2 = 6; coagulation 2, at most 4: the derivation rule is indeterminate, total >= 4 true).
	 * JAAM's PT ratio is another setting and stays.
	 */
	@Test
	void aSiteThatDisallowsThePtRatioLeavesSicsPtInrItemMissing() {
		SepticDicCase inrOnly = new SepticDicCase(UUID.randomUUID().toString().substring(0, 8))
				.atSite("site-derive-it-inr-only");
		FhirTestClient.fhir(port).transaction().withBundle(inrOnly.build()).execute();
		Bundle bundle = FhirTestClient.fhir(port, TestRole.INVESTIGATOR).operation()
				.onInstance(new IdType("ResearchSubject", inrOnly.subjectId())).named("$derive-scores")
				.withParameters(new Parameters().addParameter("score", new CodeType("sic"))
						.addParameter("score", new CodeType("jaam-dic"))
						.addParameter("day", new org.hl7.fhir.r4.model.IntegerType(1))
						.addParameter("day", new org.hl7.fhir.r4.model.IntegerType(8)))
				.returnResourceType(Bundle.class).execute();
		Map<String, Observation> derived = byIdentifier(bundle);
		assertThat(derived).hasSize(4);
		Observation sic1 = derived.get(DerivedObservations.identifierValue(inrOnly.subjectId(), "sic", 1));
		assertThat(sic1.getValueIntegerType().getValue()).isEqualTo(4);
		assertAbsent(component(sic1, "sic-pt-inr"));
		assertAbsent(component(sic1, "sic-diagnosis"));
		assertThat(bool(sic1, "sic-diagnosis-total-ge4")).isTrue();
		assertThat(component(sic1, "sic-max-possible").getValueIntegerType().getValue()).isEqualTo(6);
		assertThat(flags(sic1)).doesNotContain("pt-ratio-for-inr").contains("sic-rule-divergent");
		assertThat(derived.get(DerivedObservations.identifierValue(inrOnly.subjectId(), "jaam-dic", 1))
				.getValueIntegerType().getValue()).isEqualTo(SepticDicCaseScores.JAAM[0]);
		// day 8 has an INR: 1.10 -> 0, present
		assertThat(component(derived.get(DerivedObservations.identifierValue(inrOnly.subjectId(), "sic", 8)),
				"sic-pt-inr").getValueIntegerType().getValue()).isEqualTo(0);
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
		return FhirTestClient.fhir(port, TestRole.INVESTIGATOR).operation()
				.onInstance(new IdType("ResearchSubject", patient.subjectId())).named("$derive-scores")
				.withParameters(parameters).returnResourceType(Bundle.class).execute();
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

	/** A diagnosis component's value; null when it is absent (indeterminate). */
	private static Boolean bool(Observation o, String code) {
		Observation.ObservationComponentComponent c = component(o, code);
		return c.hasValue() ? c.getValueBooleanType().getValue() : null;
	}

	private static List<String> flags(Observation o) {
		return o.getExtensionsByUrl(DerivedObservations.SCORE_FLAG).stream().map(Extension::getValue)
				.map(v -> v.primitiveValue()).toList();
	}
}
