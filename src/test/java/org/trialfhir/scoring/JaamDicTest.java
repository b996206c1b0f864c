package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.hour;
import static org.trialfhir.scoring.Days.m;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JAAM acute-phase DIC, docs/scores-spec.md §6 (Gando 2006; D13-D19); expected values by hand. */
class JaamDicTest {

	private static final SiteSettings CONTROL_12 = SiteSettings.DEFAULTS.withPtControlSeconds(12.0);
	private static final Thresholds SYSMEX = new Thresholds(5.4, 13.2);

	private static Integer item(DayInputs in, String item) {
		return JaamDic.score(in).components().get(item);
	}

	@ParameterizedTest(name = "platelets {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"120; 0; >= 120 (JMHW scores 120 as 1)",
		"119.999999; 1; 80 <= x < 120",
		"80; 1; 80 <= x < 120 (JMHW scores 80 as 2)",
		"79.999999; 3; < 80",
	})
	void plateletCount(double platelets, int expected, String why) {
		DayInputs in = day().add(Analyte.PLATELETS, m(platelets, 6)).build();
		DicResult r = JaamDic.score(in);
		assertThat(r.components().get("platelets")).isEqualTo(expected);
		assertThat(r.flags()).contains(Flag.PLATELET_FALL_NOT_EVALUABLE);
	}

	@ParameterizedTest(name = "{0} at -6 h -> {1} at 6 h: {2}")
	@CsvSource(delimiter = ';', value = {
		"300; 210; 1; (300-210)/300 = 30 % -> 1 (D13 inclusive), count 210 -> 0",
		"300; 210.000003; 0; 89.999997/300 = 29.999999 % -> 0",
		"300; 150; 3; 50 % -> 3 (D13 inclusive)",
		"300; 150.000003; 1; 49.999999 % -> 1",
		"300; 330; 0; a rise is no fall",
	})
	void plateletFallFromThePreviousDay(double earlier, double later, int expected, String why) {
		DayInputs in = day().add(Analyte.PLATELETS, m(earlier, -6)).add(Analyte.PLATELETS, m(later, 6)).build();
		DicResult r = JaamDic.score(in);
		assertThat(r.components().get("platelets")).isEqualTo(expected);
		assertThat(r.flags()).doesNotContain(Flag.PLATELET_FALL_NOT_EVALUABLE);
	}

	@Test
	void fallLooksBackExactly24HoursInclusive() {
		// 300 at -18 h, 140 at 6 h: delta exactly 24 h (D14) -> fall 53.3 % -> 3
		DayInputs in = day().add(Analyte.PLATELETS, m(300, -18)).add(Analyte.PLATELETS, m(140, 6)).build();
		assertThat(item(in, "platelets")).isEqualTo(3);
	}

	@Test
	void countMoreThan24HoursEarlierIsNotPaired() {
		// 300 at 24 h 1 s before: no pair; count 140 -> 0; flagged
		DayInputs in = day().add(Analyte.PLATELETS, m(300, -18 - 1.0 / 3600))
				.add(Analyte.PLATELETS, m(140, 6)).build();
		DicResult r = JaamDic.score(in);
		assertThat(r.components().get("platelets")).isZero();
		assertThat(r.flags()).contains(Flag.PLATELET_FALL_NOT_EVALUABLE);
	}

	@Test
	void fallWithinTheDayCounts() {
		// 300 at 2 h, 140 at 20 h: (300-140)/300 = 53.3 % -> 3, although the count 140 scores 0
		DayInputs in = day().add(Analyte.PLATELETS, m(300, 2)).add(Analyte.PLATELETS, m(140, 20)).build();
		assertThat(item(in, "platelets")).isEqualTo(3);
	}

	@Test
	void itemIsTheHigherOfCountAndFall() {
		// count 70 -> 3; fall 100 -> 70 = 30 % -> 1; item 3
		DayInputs in = day().add(Analyte.PLATELETS, m(100, -2)).add(Analyte.PLATELETS, m(70, 4)).build();
		assertThat(item(in, "platelets")).isEqualTo(3);
	}

	@Test
	void previousDayCountAloneIsNoItem() {
		DayInputs in = day().add(Analyte.PLATELETS, m(50, -3)).build();
		assertThat(item(in, "platelets")).isNull();
	}

	@ParameterizedTest(name = "PT ratio {0} -> {1}")
	@CsvSource({"1.2, 1", "1.199999, 0"})
	void ptRatio(double ratio, int expected) {
		assertThat(item(day().add(Analyte.PT_RATIO, m(ratio, 5)).build(), "pt_ratio")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "PT {0} s / control 12 s -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"14.4; 1; 14.4/12 = 1.2000000000000002 in floating point, 1.2 after rounding -> 1",
		"14.39; 0; 14.39/12 = 1.199167 -> 0",
	})
	void ptRatioFromSecondsOverControl(double seconds, int expected, String why) {
		DayInputs in = day().site(CONTROL_12).add(Analyte.PT_S, m(seconds, 5)).build();
		assertThat(item(in, "pt_ratio")).isEqualTo(expected);
	}

	@Test
	void inrIsAFlaggedSurrogateWhenTheSiteAllowsIt() {
		DicResult r = JaamDic.score(day().add(Analyte.INR, m(1.3, 5)).build());
		assertThat(r.components().get("pt_ratio")).isEqualTo(1);
		assertThat(r.flags()).contains(Flag.INR_FOR_PT_RATIO);
		DayInputs notAllowed = day().site(SiteSettings.DEFAULTS.withAllowInrForPtRatio(false))
				.add(Analyte.INR, m(1.3, 5)).build();
		assertThat(item(notAllowed, "pt_ratio")).isNull();
	}

	@Test
	void explicitRatioAndSecondsComeBeforeInr() {
		// ratio 1.1 -> 0, INR 1.5 ignored
		DicResult r = JaamDic.score(day().add(Analyte.PT_RATIO, m(1.1, 5)).add(Analyte.INR, m(1.5, 5)).build());
		assertThat(r.components().get("pt_ratio")).isZero();
		assertThat(r.flags()).doesNotContain(Flag.INR_FOR_PT_RATIO);
		// PT 13.2 s / 12 = 1.1 -> 0, INR 1.5 ignored
		DayInputs seconds = day().site(CONTROL_12).add(Analyte.PT_S, m(13.2, 5)).add(Analyte.INR, m(1.5, 5)).build();
		assertThat(item(seconds, "pt_ratio")).isZero();
	}

	@Test
	void ptSecondsWithoutControlIsFlaggedAndFallsThroughToInr() {
		DicResult r = JaamDic.score(day().add(Analyte.PT_S, m(20, 5)).add(Analyte.INR, m(1.1, 5)).build());
		assertThat(r.flags()).contains(Flag.PT_CONTROL_MISSING, Flag.INR_FOR_PT_RATIO);
		assertThat(r.components().get("pt_ratio")).isZero();
	}

	@ParameterizedTest(name = "FDP {0} -> {1}")
	@CsvSource(delimiter = ';', value = {
		"9.999999; 0; < 10", "10; 1; 10 <= x < 25", "24.999999; 1; 10 <= x < 25", "25; 3; >= 25",
	})
	void fdp(double fdp, int expected, String why) {
		assertThat(item(day().add(Analyte.FDP, m(fdp, 5)).build(), "fdp")).isEqualTo(expected);
	}

	@Test
	void fdpReportedBelowDetectionScoresJustUnderTheBound() {
		// "<10" -> 9.999999 -> 0, flagged (D21)
		DicResult r = JaamDic.score(day().add(Analyte.FDP,
				Measurement.of("Observation/fdp", hour(5), 10, ValueComparator.LESS_THAN)).build());
		assertThat(r.components().get("fdp")).isZero();
		assertThat(r.flags()).contains(Flag.COMPARATOR_USED);
	}

	@ParameterizedTest(name = "D-dimer {0} with Sysmex equivalents 5.4/13.2 -> {1}")
	@CsvSource({"5.399999, 0", "5.4, 1", "13.199999, 1", "13.2, 3"})
	void ddimerOnlyThroughTheKitTable(double dd, int expected) {
		DicResult r = JaamDic.score(day().site(SiteSettings.DEFAULTS.withDdimerFdpEquivalents(SYSMEX))
				.add(Analyte.D_DIMER, m(dd, 5)).build());
		assertThat(r.components().get("fdp")).isEqualTo(expected);
		assertThat(r.flags()).contains(Flag.DDIMER_FOR_FDP);
	}

	@Test
	void ddimerWithoutKitTableLeavesFdpMissing() {
		assertThat(item(day().add(Analyte.D_DIMER, m(30, 5)).build(), "fdp")).isNull();
	}

	@Test
	void fdpBeatsDdimer() {
		// FDP 8 -> 0, although D-dimer 20 would give 3 through the table
		DicResult r = JaamDic.score(day().site(SiteSettings.DEFAULTS.withDdimerFdpEquivalents(SYSMEX))
				.add(Analyte.FDP, m(8, 5)).add(Analyte.D_DIMER, m(20, 5)).build());
		assertThat(r.components().get("fdp")).isZero();
		assertThat(r.flags()).doesNotContain(Flag.DDIMER_FOR_FDP);
	}

	@ParameterizedTest(name = "SIRS: {0} -> {1}")
	@CsvSource(delimiter = ';', value = {
		"T 39, HR 100, RR 25, WBC 8: 3 met; 39; 100; 25; 8; 1",
		"T 39, HR 100, RR 18, WBC 8: 2 met, none missing; 39; 100; 18; 8; 0",
		"T 39, HR 100, RR 18, WBC missing: 2 met + 1 missing = 3 could be met; 39; 100; 18; ; ",
		"T 39, HR 80, RR 18, WBC missing: 1 met + 1 missing < 3; 39; 80; 18; ; 0",
		"nothing recorded: 0 met + 4 missing; ; ; ; ; ",
	})
	void sirsItemWithPartialData(String why, Double temp, Double hr, Double rr, Double wbc, Integer expected) {
		DayInputs.Builder b = day();
		if (temp != null) {
			b.add(Analyte.TEMPERATURE, m(temp, 1));
		}
		if (hr != null) {
			b.add(Analyte.HEART_RATE, m(hr, 1));
		}
		if (rr != null) {
			b.add(Analyte.RESP_RATE, m(rr, 1));
		}
		if (wbc != null) {
			b.add(Analyte.WBC, m(wbc, 1));
		}
		assertThat(item(b.build(), "sirs")).isEqualTo(expected);
	}

	/** SIRS 0 (all four criteria present and not met). */
	private static DayInputs.Builder sirsZero() {
		return day().add(Analyte.TEMPERATURE, m(37, 1)).add(Analyte.HEART_RATE, m(80, 1))
				.add(Analyte.RESP_RATE, m(16, 1)).add(Analyte.WBC, m(8, 1));
	}

	@Test
	void totalAtTheCutoffIsDic() {
		// SIRS: T 39, HR 100, RR 25 met -> 1; platelets 100 -> 1; PT ratio 1.3 -> 1; FDP 15 -> 1. Total 4 >= 4
		DayInputs in = day().add(Analyte.TEMPERATURE, m(39, 1)).add(Analyte.HEART_RATE, m(100, 1))
				.add(Analyte.RESP_RATE, m(25, 1)).add(Analyte.WBC, m(8, 1)).add(Analyte.PLATELETS, m(100, 2))
				.add(Analyte.PT_RATIO, m(1.3, 2)).add(Analyte.FDP, m(15, 2)).build();
		DicResult r = JaamDic.score(in);
		assertThat(r.total()).isEqualTo(4);
		assertThat(r.maxPossible()).isEqualTo(4);
		assertThat(r.diagnosis()).isTrue();
	}

	@Test
	void completeTotalBelowTheCutoffIsNoDic() {
		// SIRS 0; platelets 70 -> 3; PT 1.0 -> 0; FDP 5 -> 0. Total 3 = max_possible 3 < 4 -> false
		DicResult r = JaamDic.score(sirsZero().add(Analyte.PLATELETS, m(70, 2)).add(Analyte.PT_RATIO, m(1.0, 2))
				.add(Analyte.FDP, m(5, 2)).build());
		assertThat(r.total()).isEqualTo(3);
		assertThat(r.maxPossible()).isEqualTo(3);
		assertThat(r.diagnosis()).isFalse();
	}

	@Test
	void missingFdpMakesTheDiagnosisIndeterminate() {
		// as above without FDP: total 3, max_possible 3 + 3 = 6 >= 4 -> indeterminate (D18)
		DicResult r = JaamDic.score(sirsZero().add(Analyte.PLATELETS, m(70, 2)).add(Analyte.PT_RATIO, m(1.0, 2))
				.build());
		assertThat(r.total()).isEqualTo(3);
		assertThat(r.maxPossible()).isEqualTo(6);
		assertThat(r.diagnosis()).isNull();
		assertThat(r.missing()).containsExactly("fdp");
	}

	@Test
	void missingItemsThatCannotReachTheCutoffGiveNoDic() {
		// SIRS 0, platelets 150 -> 0, FDP 5 -> 0, PT missing: total 0, max_possible 0 + 1 = 1 < 4 -> false
		DicResult r = JaamDic.score(sirsZero().add(Analyte.PLATELETS, m(150, 2)).add(Analyte.FDP, m(5, 2)).build());
		assertThat(r.maxPossible()).isEqualTo(1);
		assertThat(r.diagnosis()).isFalse();
	}

	@Test
	void emptyDay() {
		DicResult r = JaamDic.score(day().build());
		assertThat(r.total()).isZero();
		assertThat(r.maxPossible()).isEqualTo(8); // 1 + 3 + 1 + 3
		assertThat(r.diagnosis()).isNull();
		assertThat(r.missing()).containsExactly("sirs", "platelets", "pt_ratio", "fdp");
		assertThat(r.applicable()).isTrue();
		assertThat(r.flags()).contains(Flag.UNDERLYING_DISEASE_ASSUMED);
	}

	@Test
	void noUnderlyingDiseaseMeansNotApplicable() {
		DayInputs in = day().patient(PatientFacts.NONE.withUnderlyingDisease(Recorded.of(false, "Observation/u")))
				.add(Analyte.PLATELETS, m(40, 2)).add(Analyte.FDP, m(40, 2)).build();
		DicResult r = JaamDic.score(in);
		assertThat(r.applicable()).isFalse();
		assertThat(r.diagnosis()).isNull();
		assertThat(r.total()).isEqualTo(6); // 3 + 3: computed, but not a diagnosis
	}

	/**
	 * A realistic septic day, by hand. SIRS: T 38.6 > 38, HR 118 > 90, RR 24 > 20, WBC 3.2 < 4 -> 4 met -> 1.
	 * Platelets: 21.0 x10^4/uL (210) at -10 h (previous day), 9.8 x10^4/uL (98) at 10 h: count 98 -> 1; fall
	 * (210-98)/210 = 53.3 % in 20 h -> 3; item 3. PT 15.6 s / control 12.0 s = 1.3 -> 1. FDP 28.4 -> 3.
	 * Total 1 + 3 + 1 + 3 = 8 >= 4 -> DIC; max_possible 8.
	 */
	@Test
	void realisticDay() {
		DayInputs in = day().site(CONTROL_12)
				.patient(PatientFacts.NONE.withUnderlyingDisease(Recorded.of(true, "Observation/sepsis")))
				.add(Analyte.TEMPERATURE, m(38.6, 1)).add(Analyte.HEART_RATE, m(118, 1))
				.add(Analyte.RESP_RATE, m(24, 1)).add(Analyte.WBC, m(3.2, 2))
				.add(Analyte.PLATELETS, m("Observation/plt-prev", 210, -10))
				.add(Analyte.PLATELETS, m("Observation/plt", 98, 10))
				.add(Analyte.PT_S, m("Observation/pt", 15.6, 10)).add(Analyte.FDP, m("Observation/fdp", 28.4, 10))
				.build();
		DicResult r = JaamDic.score(in);
		assertThat(r.components()).containsExactly(Map.entry("sirs", 1), Map.entry("platelets", 3),
				Map.entry("pt_ratio", 1), Map.entry("fdp", 3));
		assertThat(r.total()).isEqualTo(8);
		assertThat(r.maxPossible()).isEqualTo(8);
		assertThat(r.diagnosis()).isTrue();
		assertThat(r.code()).isEqualTo("jaam-dic");
		assertThat(r.componentCode("pt_ratio")).isEqualTo("jaam-dic-pt-ratio");
		assertThat(r.sources()).contains("Observation/plt-prev", "Observation/plt", "Observation/pt",
				"Observation/fdp", "Observation/sepsis");
	}
}
