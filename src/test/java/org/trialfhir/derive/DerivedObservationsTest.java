package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.derive.Records.at;
import static org.trialfhir.derive.Records.ecrf;
import static org.trialfhir.derive.Records.quantity;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.trialfhir.scoring.DicResult;
import org.trialfhir.scoring.Flag;
import org.trialfhir.scoring.JmhwCategory;
import org.trialfhir.scoring.JmhwResult;
import org.trialfhir.scoring.SicResult;

/** Score results → derived Observations (docs/api.md §5.1, profile TrialDerivedScore). */
class DerivedObservationsTest {

	private static Map<String, Integer> components(Object... nameAndPoints) {
		Map<String, Integer> map = new LinkedHashMap<>();
		for (int i = 0; i < nameAndPoints.length; i += 2) {
			map.put((String) nameAndPoints[i], (Integer) nameAndPoints[i + 1]);
		}
		return map;
	}

	private static String code(Observation.ObservationComponentComponent c) {
		return c.getCode().getCodingFirstRep().getCode();
	}

	@Test
	void aDicResultWithAMissingItemAndAnIndeterminateDiagnosis() {
		DicResult jaam = new DicResult("jaam-dic", 3, components("sirs", 1, "platelets", 1, "pt_ratio", 1, "fdp", null),
				List.of("fdp"), 6, null, true, EnumSet.of(Flag.INR_FOR_PT_RATIO), List.of("PT ratio from INR 1.3"),
				new TreeSet<>(Set.of("Observation/a", "Observation/b")));
		Observation o = DerivedObservations.render(Records.subject(), 2, jaam,
				new TreeSet<>(Set.of("Observation/a", "Observation/b", "MedicationAdministration/m")));

		assertThat(o.getIdentifierFirstRep().getSystem()).isEqualTo("http://trialfhir.org/fhir/derived-score");
		assertThat(o.getIdentifierFirstRep().getValue()).isEqualTo("s1-jaam-dic-2");
		assertThat(o.getValueIntegerType().getValue()).isEqualTo(3);
		assertThat(o.getComponent()).extracting(DerivedObservationsTest::code).containsExactly("jaam-dic-sirs",
				"jaam-dic-platelets", "jaam-dic-pt-ratio", "jaam-dic-fdp", "jaam-dic-diagnosis", "jaam-dic-max-possible");
		Observation.ObservationComponentComponent fdp = o.getComponent().get(3);
		assertThat(fdp.hasValue()).isFalse();
		assertThat(fdp.getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("unknown");
		assertThat(o.getComponent().get(4).getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("unknown");
		assertThat(o.getComponent().get(5).getValueIntegerType().getValue()).isEqualTo(6);
		assertThat(o.getDerivedFrom()).extracting(Reference::getReference)
				.containsExactly("Observation/a", "Observation/b");
		assertThat(o.getExtensionsByUrl(DerivedObservations.DERIVED_FROM)).extracting(e -> ((Reference) e.getValue())
				.getReference()).containsExactly("MedicationAdministration/m");
		assertThat(o.getExtensionsByUrl(DerivedObservations.SCORE_FLAG)).extracting(e -> e.getValue().primitiveValue())
				.containsExactly("inr-for-pt-ratio");
		assertThat(o.getNote()).extracting(n -> n.getText()).containsExactly("PT ratio from INR 1.3");
		// day 2 of T0 2026-03-01T00:00Z, written in T0's +09:00
		assertThat(o.getEffectivePeriod().getStartElement().getValueAsString()).isEqualTo("2026-03-02T09:00:00+09:00");
		assertThat(o.getEffectivePeriod().getEndElement().getValueAsString()).isEqualTo("2026-03-03T09:00:00+09:00");
	}

	@Test
	void aDicScoreThatDoesNotApplyHasANotApplicableDiagnosis() {
		DicResult isth = new DicResult("isth-dic", 0, components("platelets", 0), List.of(), 0, null, false,
				Set.of(), List.of(), new TreeSet<>());
		Observation o = DerivedObservations.render(Records.subject(), 1, isth, new TreeSet<>());
		assertThat(o.getComponent().get(1).getDataAbsentReason().getCodingFirstRep().getCode())
				.isEqualTo("not-applicable");
	}

	@Test
	void jmhwAddsRawTotalCategoryDiagnosisAndMaxPossible() {
		JmhwResult jmhw = new JmhwResult(4, 7, components("underlying_disease", 1), List.of(), 4,
				JmhwCategory.UNLIKELY, false, EnumSet.of(Flag.LIVER_CIRRHOSIS), List.of(), new TreeSet<>());
		Observation o = DerivedObservations.render(Records.subject(), 1, jmhw, new TreeSet<>());
		assertThat(o.getComponent()).extracting(DerivedObservationsTest::code).containsExactly(
				"jmhw-dic-underlying-disease", "jmhw-dic-raw-total", "jmhw-dic-category", "jmhw-dic-diagnosis",
				"jmhw-dic-max-possible");
		assertThat(o.getComponent().get(1).getValueIntegerType().getValue()).isEqualTo(7);
		assertThat(o.getComponent().get(2).getValueCodeableConcept().getCodingFirstRep().getCode())
				.isEqualTo("unlikely");
		assertThat(o.getComponent().get(3).getValueBooleanType().getValue()).isFalse();
	}

	@Test
	void sicCarriesBothReadingsOfItsDiagnosisAndItsMaxPossible() {
		// docs/scores-spec.md §12 example SIC-5'': plt 120 -> 1; INR 1.3 -> 1; respiration missing, 1/0/0 -> SOFA 1;
		// total 3, max 3 + (2 - 1) = 4; coagulation 2 + 0 missing lab items < 3 -> derivation rule false; total >= 4
		// reading indeterminate
		SicResult sic = new SicResult(3, components("platelets", 1, "pt_inr", 1, "sofa", 1), 1, 2,
				List.of("sofa_respiration"), 4, false, null, EnumSet.of(Flag.SOFA_PART_MISSING, Flag.SIC_RULE_DIVERGENT),
				List.of(), new TreeSet<>());
		Observation o = DerivedObservations.render(Records.subject(), 1, sic, new TreeSet<>());
		assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo("sic");
		assertThat(o.getIdentifierFirstRep().getValue()).isEqualTo("s1-sic-1");
		assertThat(o.getComponent()).extracting(DerivedObservationsTest::code).containsExactly("sic-platelets",
				"sic-pt-inr", "sic-sofa", "sic-diagnosis", "sic-diagnosis-total-ge4", "sic-max-possible");
		assertThat(o.getComponent().get(3).getValueBooleanType().getValue()).isFalse();
		assertThat(o.getComponent().get(4).hasValue()).isFalse();
		assertThat(o.getComponent().get(4).getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("unknown");
		assertThat(o.getComponent().get(5).getValueIntegerType().getValue()).isEqualTo(4);
		assertThat(o.getExtensionsByUrl(DerivedObservations.SCORE_FLAG)).extracting(e -> e.getValue().primitiveValue())
				.containsExactlyInAnyOrder("sofa-part-missing", "sic-rule-divergent");
	}

	@Test
	void jaam2IsADicScoreWithItsOwnCodes() {
		DicResult jaam2 = new DicResult("jaam-2-dic", 3, components("platelets", 3, "fdp", null, "pt_ratio", null),
				List.of("fdp", "pt_ratio"), 7, true, true, Set.of(), List.of(), new TreeSet<>());
		Observation o = DerivedObservations.render(Records.subject(), 1, jaam2, new TreeSet<>());
		assertThat(o.getComponent()).extracting(DerivedObservationsTest::code).containsExactly(
				"jaam-2-dic-platelets", "jaam-2-dic-fdp", "jaam-2-dic-pt-ratio", "jaam-2-dic-diagnosis",
				"jaam-2-dic-max-possible");
		assertThat(o.getComponent().get(3).getValueBooleanType().getValue()).isTrue();
		assertThat(o.getExtensionByUrl(DerivedObservations.ALGORITHM_VERSION).getValue().primitiveValue())
				.isEqualTo("trialfhir-scores-1.1.0");
	}

	@Test
	void renderingTheSameInputsTwiceGivesTheSameObservation() {
		InputTimeline t = Records.map(List.of(quantity("plt", "777-3", "12.0", "10*4/uL", at(3)),
				ecrf("ud", "underlying-disease", true, at(1))));
		List<DerivedScore> first = ScoreComputation.compute(Records.subject(), t, List.of(1), Set.of("jaam-dic"));
		List<DerivedScore> second = ScoreComputation.compute(Records.subject(), t, List.of(1), Set.of("jaam-dic"));
		Observation a = DerivedObservations.render(Records.subject(), 1, first.get(0).result(), first.get(0).sources());
		Observation b = DerivedObservations.render(Records.subject(), 1, second.get(0).result(),
				second.get(0).sources());
		assertThat(a.equalsDeep(b)).isTrue();
		// plt 120 -> JAAM platelets 0 (>= 120, no fall evaluable); sources: the count and the eCRF item
		assertThat(a.getDerivedFrom()).extracting(Reference::getReference)
				.containsExactly("Observation/plt", "Observation/ud");
	}

	@Test
	void resourceIdsAreTheIdentifierOrAHashWhenTooLong() {
		assertThat(DerivedScoreStore.resourceId("s1-sofa-3")).isEqualTo("ds-s1-sofa-3");
		String longId = "x".repeat(64) + "-apache-ii-10";
		assertThat(DerivedScoreStore.resourceId(longId)).startsWith("ds-").hasSize(43)
				.isEqualTo(DerivedScoreStore.resourceId(longId));
	}
}
