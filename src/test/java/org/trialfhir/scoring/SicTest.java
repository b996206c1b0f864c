package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.gas;
import static org.trialfhir.scoring.Days.m;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SIC, docs/scores-spec.md §12 (Iba 2017 Table 3; E18–E20); every expected value worked out by hand. */
class SicTest {

	private static final SiteSettings CONTROL_12 = SiteSettings.DEFAULTS.withPtControlSeconds(12.0);

	/** A SOFA-1 result with the given respiration, cardiovascular, liver and renal points (null = missing). */
	private static SofaResult sofa1(Integer respiration, Integer cardiovascular, Integer liver, Integer renal) {
		Map<String, Integer> c = new LinkedHashMap<>();
		c.put("respiration", respiration);
		c.put("coagulation", 4);
		c.put("liver", liver);
		c.put("cardiovascular", cardiovascular);
		c.put("cns", 4);
		c.put("renal", renal);
		return new SofaResult(0, c, List.of(), Set.of(), List.of(), Set.of("Observation/sofa-input"));
	}

	private static final SofaResult SOFA_ZERO = sofa1(0, 0, 0, 0);

	private static SicResult sic(DayInputs in, SofaResult sofa) {
		return Sic.score(in, sofa);
	}

	@ParameterizedTest(name = "platelets {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"150; 0; >= 150",
		"149.999999; 1; 100 <= x < 150",
		"100; 1; 100 <= x < 150",
		"99.999999; 2; < 100",
	})
	void platelets(double platelets, int expected, String why) {
		SicResult r = sic(day().add(Analyte.PLATELETS, m(platelets, 3)).build(), SOFA_ZERO);
		assertThat(r.components().get("platelets")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "PT-INR {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"1.2; 0; <= 1.2",
		"1.200001; 1; 1.2 < x <= 1.4",
		"1.4; 1; 1.2 < x <= 1.4",
		"1.400001; 2; > 1.4",
	})
	void ptInr(double inr, int expected, String why) {
		SicResult r = sic(day().add(Analyte.INR, m(inr, 3)).build(), SOFA_ZERO);
		assertThat(r.components().get("pt_inr")).isEqualTo(expected);
		assertThat(r.flags()).doesNotContain(Flag.PT_RATIO_FOR_INR);
	}

	@Test
	void worstOfTheDay() {
		// lowest platelets 95 -> 2 (not 160 -> 0); highest INR 1.5 -> 2 (not 1.1 -> 0)
		DayInputs in = day().add(Analyte.PLATELETS, m(160, 1)).add(Analyte.PLATELETS, m(95, 9))
				.add(Analyte.INR, m(1.1, 1)).add(Analyte.INR, m(1.5, 9)).build();
		assertThat(sic(in, SOFA_ZERO).components()).containsEntry("platelets", 2).containsEntry("pt_inr", 2);
	}

	@ParameterizedTest(name = "SOFA-1 parts {0} {1} {2} {3} -> sum {4}, item {5}")
	@CsvSource({
		"0, 0, 0, 0, 0, 0",
		"1, 0, 0, 0, 1, 1",
		"0, 0, 1, 1, 2, 2",
		"0, 1, 1, 1, 3, 2",
		"3, 4, 2, 2, 11, 2",
	})
	void sofaItemIsTheSumOfFourPartsCappedAt2(int respiration, int cardiovascular, int liver, int renal, int sum,
			int item) {
		SicResult r = sic(day().build(), sofa1(respiration, cardiovascular, liver, renal));
		assertThat(r.sofa4Sum()).isEqualTo(sum);
		assertThat(r.components().get("sofa")).isEqualTo(item);
		assertThat(r.flags()).doesNotContain(Flag.SOFA_PART_MISSING);
	}

	@Test
	void coagulationAndCnsOfSofaAreNotCounted() {
		// the fixture's SOFA-1 coagulation 4 and cns 4 stay out: sum 0
		assertThat(sic(day().build(), SOFA_ZERO).sofa4Sum()).isZero();
	}

	@Test
	void missingSofaPartsCountZeroAndAreListed() {
		// respiration and renal missing; CV 1 + liver 0 = 1 -> item 1
		SicResult r = sic(day().build(), sofa1(null, 1, 0, null));
		assertThat(r.sofa4Sum()).isEqualTo(1);
		assertThat(r.components().get("sofa")).isEqualTo(1);
		assertThat(r.missing()).containsExactly("platelets", "pt_inr", "sofa_respiration", "sofa_renal");
		assertThat(r.flags()).contains(Flag.SOFA_PART_MISSING);
	}

	@Test
	void sofaItemComesFromTheDaysSofa1WhenNotGiven() {
		// P/F 100/0.21 = 476 -> 0; bilirubin 2.5 -> 2 (SOFA-1 2.0 <= x < 6.0); creatinine 1.5 -> 1; MAP 65 -> 1;
		// sum 4 -> item 2; platelets 120 -> 1; INR 1.3 -> 1; total 4, coagulation 2
		DayInputs in = day().gas(gas(2, 100.0, 0.21, 40.0, 7.4, false)).add(Analyte.BILIRUBIN, m(2.5, 2))
				.add(Analyte.CREATININE, m(1.5, 2)).add(Analyte.MAP, m(65, 2)).add(Analyte.PLATELETS, m(120, 2))
				.add(Analyte.INR, m(1.3, 2)).build();
		SicResult r = Sic.score(in);
		assertThat(r.sofa4Sum()).isEqualTo(4);
		assertThat(r.components()).containsEntry("sofa", 2);
		assertThat(r.total()).isEqualTo(4);
		assertThat(r.missing()).isEmpty();
	}

	// Worked examples SIC-1 to SIC-6 and the two variants of docs/scores-spec.md §12

	@Test
	void sic1NothingAbnormal() {
		// plt 150 -> 0; INR 1.20 -> 0; SOFA 0; total 0, max 0 -> false, false
		DayInputs in = day().add(Analyte.PLATELETS, m(150, 3)).add(Analyte.INR, m(1.20, 3)).build();
		SicResult r = sic(in, SOFA_ZERO);
		assertThat(r.total()).isZero();
		assertThat(r.maxPossible()).isZero();
		assertThat(r.diagnosis()).isFalse();
		assertThat(r.diagnosisTotalGe4()).isFalse();
		assertThat(r.flags()).doesNotContain(Flag.SIC_RULE_DIVERGENT);
	}

	@Test
	void sic2ReadingsDiffer() {
		// plt 149 -> 1; INR 1.21 -> 1; SOFA resp 2 -> item 2; total 4 but coagulation 2 (not > 2)
		DayInputs in = day().add(Analyte.PLATELETS, m(149, 3)).add(Analyte.INR, m(1.21, 3)).build();
		SicResult r = sic(in, sofa1(2, 0, 0, 0));
		assertThat(r.total()).isEqualTo(4);
		assertThat(r.coagulation()).isEqualTo(2);
		assertThat(r.diagnosis()).isFalse();
		assertThat(r.diagnosisTotalGe4()).isTrue();
		assertThat(r.flags()).contains(Flag.SIC_RULE_DIVERGENT);
	}

	@Test
	void sic3() {
		// plt 99 -> 2; INR 1.40 -> 1; renal 1 -> item 1; total 4, coagulation 3
		DayInputs in = day().add(Analyte.PLATELETS, m(99, 3)).add(Analyte.INR, m(1.40, 3)).build();
		SicResult r = sic(in, sofa1(0, 0, 0, 1));
		assertThat(r.components()).containsEntry("platelets", 2).containsEntry("pt_inr", 1).containsEntry("sofa", 1);
		assertThat(r.total()).isEqualTo(4);
		assertThat(r.coagulation()).isEqualTo(3);
		assertThat(r.diagnosis()).isTrue();
		assertThat(r.diagnosisTotalGe4()).isTrue();
		assertThat(r.flags()).doesNotContain(Flag.SIC_RULE_DIVERGENT);
	}

	@Test
	void sic4SofaCapped() {
		// plt 100 -> 1; INR 1.41 -> 2; SOFA 3 + 4 + 2 + 2 = 11 -> 2; total 5, coagulation 3
		DayInputs in = day().add(Analyte.PLATELETS, m(100, 3)).add(Analyte.INR, m(1.41, 3)).build();
		SicResult r = sic(in, sofa1(3, 4, 2, 2));
		assertThat(r.sofa4Sum()).isEqualTo(11);
		assertThat(r.total()).isEqualTo(5);
		assertThat(r.coagulation()).isEqualTo(3);
		assertThat(r.diagnosis()).isTrue();
		assertThat(r.diagnosisTotalGe4()).isTrue();
	}

	@Test
	void sic5MissingInrIsIndeterminate() {
		// plt 90 -> 2; no INR, no PT ratio; SOFA 0; total 2, max 2 + 2 = 4, max coagulation 4 -> null, null
		SicResult r = sic(day().add(Analyte.PLATELETS, m(90, 3)).build(), SOFA_ZERO);
		assertThat(r.total()).isEqualTo(2);
		assertThat(r.maxPossible()).isEqualTo(4);
		assertThat(r.missing()).containsExactly("pt_inr");
		assertThat(r.diagnosis()).isNull();
		assertThat(r.diagnosisTotalGe4()).isNull();
		assertThat(r.flags()).doesNotContain(Flag.SIC_RULE_DIVERGENT);
	}

	@Test
	void sic5VariantInrKnown() {
		// INR 1.2 -> 0: total 2, max 2 -> false
		DayInputs in = day().add(Analyte.PLATELETS, m(90, 3)).add(Analyte.INR, m(1.2, 3)).build();
		SicResult r = sic(in, SOFA_ZERO);
		assertThat(r.total()).isEqualTo(2);
		assertThat(r.diagnosis()).isFalse();
		assertThat(r.diagnosisTotalGe4()).isFalse();
	}

	@Test
	void sic5VariantMissingSofaPart() {
		// plt 120 -> 1; INR 1.3 -> 1; resp missing, CV 1 -> item 1; total 3; max 3 + (2 - 1) = 4;
		// coagulation 2 = max coagulation -> derivation rule false; total >= 4 reading indeterminate
		DayInputs in = day().add(Analyte.PLATELETS, m(120, 3)).add(Analyte.INR, m(1.3, 3)).build();
		SicResult r = sic(in, sofa1(null, 1, 0, 0));
		assertThat(r.total()).isEqualTo(3);
		assertThat(r.maxPossible()).isEqualTo(4);
		assertThat(r.missing()).containsExactly("sofa_respiration");
		assertThat(r.diagnosis()).isFalse();
		assertThat(r.diagnosisTotalGe4()).isNull();
		assertThat(r.flags()).contains(Flag.SIC_RULE_DIVERGENT, Flag.SOFA_PART_MISSING);
	}

	@Test
	void sic6CoagulationAlone() {
		// plt 40 -> 2; INR 1.8 -> 2; SOFA 0; total 4, coagulation 4
		DayInputs in = day().add(Analyte.PLATELETS, m(40, 3)).add(Analyte.INR, m(1.8, 3)).build();
		SicResult r = sic(in, SOFA_ZERO);
		assertThat(r.total()).isEqualTo(4);
		assertThat(r.diagnosis()).isTrue();
		assertThat(r.diagnosisTotalGe4()).isTrue();
	}

	@Test
	void missingSofaPartAtItemTwoAddsNothing() {
		// CV 2, rest missing -> item already 2; plt 100 -> 1; INR 1.3 -> 1; total 4, max 4; coagulation 2 -> false
		DayInputs in = day().add(Analyte.PLATELETS, m(100, 3)).add(Analyte.INR, m(1.3, 3)).build();
		SicResult r = sic(in, sofa1(null, 2, null, null));
		assertThat(r.maxPossible()).isEqualTo(4);
		assertThat(r.diagnosis()).isFalse();
		assertThat(r.diagnosisTotalGe4()).isTrue();
	}

	@Test
	void missingPlateletsKeepTheDerivationRuleOpen() {
		// no platelets; INR 1.5 -> 2; SOFA 2; total 4 -> total >= 4 true; coagulation 2, max 4 -> indeterminate
		SicResult r = sic(day().add(Analyte.INR, m(1.5, 3)).build(), sofa1(1, 1, 0, 0));
		assertThat(r.total()).isEqualTo(4);
		assertThat(r.maxPossible()).isEqualTo(6);
		assertThat(r.diagnosis()).isNull();
		assertThat(r.diagnosisTotalGe4()).isTrue();
		assertThat(r.flags()).contains(Flag.SIC_RULE_DIVERGENT);
	}

	// PT ratio as surrogate for PT-INR (E20)

	@Test
	void ptRatioStandsInForMissingInrFlagged() {
		// no INR; PT ratio 1.41 -> scored on the INR scale -> 2
		SicResult r = sic(day().add(Analyte.PT_RATIO, m(1.41, 3)).build(), SOFA_ZERO);
		assertThat(r.components().get("pt_inr")).isEqualTo(2);
		assertThat(r.flags()).contains(Flag.PT_RATIO_FOR_INR);
	}

	@Test
	void ptRatioFromSecondsOverControl() {
		// no INR; PT 16.8 s / 12 s = 1.4 -> 1
		SicResult r = sic(day().site(CONTROL_12).add(Analyte.PT_S, m(16.8, 3)).build(), SOFA_ZERO);
		assertThat(r.components().get("pt_inr")).isEqualTo(1);
		assertThat(r.flags()).contains(Flag.PT_RATIO_FOR_INR);
	}

	@Test
	void inrComesBeforeThePtRatio() {
		// INR 1.1 -> 0; PT ratio 1.5 ignored
		SicResult r = sic(day().add(Analyte.INR, m(1.1, 3)).add(Analyte.PT_RATIO, m(1.5, 3)).build(), SOFA_ZERO);
		assertThat(r.components().get("pt_inr")).isZero();
		assertThat(r.flags()).doesNotContain(Flag.PT_RATIO_FOR_INR);
	}

	@Test
	void siteCanRefuseThePtRatio() {
		DayInputs in = day().site(SiteSettings.DEFAULTS.withAllowPtRatioForInr(false))
				.add(Analyte.PT_RATIO, m(1.5, 3)).build();
		SicResult r = sic(in, SOFA_ZERO);
		assertThat(r.components().get("pt_inr")).isNull();
		assertThat(r.missing()).contains("pt_inr");
	}

	@Test
	void componentCodes() {
		SicResult r = sic(day().build(), SOFA_ZERO);
		assertThat(r.componentCode("pt_inr")).isEqualTo("sic-pt-inr");
		assertThat(r.componentCode("sofa")).isEqualTo("sic-sofa");
	}
}
