package org.trialfhir.completeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** Complete, partial and indeterminate scores, read from derived Observations built by hand. */
class ScoreFindingsTest {

	private static final String SCORE = "http://trialfhir.org/fhir/CodeSystem/trial-score";

	@Test
	void aCompleteScoreGivesNoRowAMissingComponentWithADecidedDiagnosisIsPartial() {
		List<Observation> derived = new ArrayList<>(everyScore("s", 1));
		// day 1: every score complete; ISTH DIC of day 2 lacks fibrinogen but its diagnosis is decided (false)
		Observation isth = score("s", "isth-dic", 2);
		component(isth, "isth-dic-platelets", new IntegerType(0));
		component(isth, "isth-dic-fibrinogen", null);
		component(isth, "isth-dic-diagnosis", new BooleanType(false));
		derived.add(isth);

		List<CompletenessRow> rows = ScoreFindings.of("s", derived, List.of(1, 2), Map.of(2, List.of("fibrinogen")));

		assertThat(rows.stream().filter(r -> r.day() == 1)).isEmpty();
		assertThat(rows.stream().filter(r -> r.day() == 2 && r.item().endsWith("|isth-dic"))).singleElement()
				.satisfies(r -> {
					assertThat(r.status()).isEqualTo(ItemStatus.SCORE_PARTIAL);
					assertThat(r.detail()).isEqualTo("missing components: isth-dic-fibrinogen; missing that day: fibrinogen");
					assertThat(r.focus()).isEqualTo("Observation/s-isth-dic-2");
				});
		// the eight other scores of day 2 (sofa, apache-ii, sirs, jaam-dic, jmhw-dic, sic, jaam-2-dic, sofa-2) were not
		// derived at all: indeterminate
		assertThat(rows.stream().filter(r -> r.day() == 2 && r.status() == ItemStatus.SCORE_INDETERMINATE)).hasSize(8)
				.allMatch(r -> r.detail().startsWith("not derived"));
	}

	@Test
	void anUndecidedDiagnosisOrEveryComponentMissingIsIndeterminate() {
		Observation jaam = score("s", "jaam-dic", 1);
		component(jaam, "jaam-dic-platelets", new IntegerType(1));
		component(jaam, "jaam-dic-fdp", null);
		component(jaam, "jaam-dic-diagnosis", null);
		Observation sofa = score("s", "sofa", 1);
		component(sofa, "sofa-respiration", null);
		component(sofa, "sofa-coagulation", null);
		List<Observation> derived = new ArrayList<>(everyScore("s", 1).stream()
				.filter(o -> !o.getIdElement().getIdPart().equals("s-jaam-dic-1") && !o.getIdElement().getIdPart().equals("s-sofa-1"))
				.toList());
		derived.add(jaam);
		derived.add(sofa);

		List<CompletenessRow> rows = ScoreFindings.of("s", derived, List.of(1), Map.of());

		assertThat(rows).extracting(CompletenessRow::item, CompletenessRow::status).containsExactlyInAnyOrder(
				org.assertj.core.groups.Tuple.tuple(SCORE + "|sofa", ItemStatus.SCORE_INDETERMINATE),
				org.assertj.core.groups.Tuple.tuple(SCORE + "|jaam-dic", ItemStatus.SCORE_INDETERMINATE));
		assertThat(rows.stream().filter(r -> r.item().endsWith("|jaam-dic")).findFirst().orElseThrow().detail())
				.isEqualTo("missing components: jaam-dic-fdp; undecided: jaam-dic-diagnosis");
	}

	private static List<Observation> everyScore(String subject, int day) {
		List<Observation> scores = new ArrayList<>();
		for (String code : List.of("sofa", "apache-ii", "sirs", "jaam-dic", "isth-dic", "jmhw-dic", "sic", "jaam-2-dic",
				"sofa-2")) {
			Observation o = score(subject, code, day);
			component(o, code + "-a", new IntegerType(1));
			scores.add(o);
		}
		return scores;
	}

	private static Observation score(String subject, String code, int day) {
		Observation o = new Observation();
		o.setId("Observation/" + subject + "-" + code + "-" + day);
		o.addIdentifier().setSystem("http://trialfhir.org/fhir/derived-score").setValue(subject + "-" + code + "-" + day);
		o.setCode(new CodeableConcept(new Coding(SCORE, code, null)));
		return o;
	}

	private static void component(Observation o, String code, org.hl7.fhir.r4.model.Type value) {
		var c = o.addComponent().setCode(new CodeableConcept(new Coding(SCORE, code, null)));
		if (value == null) {
			c.setDataAbsentReason(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", null)));
		} else {
			c.setValue(value);
		}
	}
}
