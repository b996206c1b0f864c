package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.m;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ISTH overt DIC, docs/scores-spec.md §7 (Taylor 2001, inclusive bounds D7, FDP marker D8); expected values by hand. */
class IsthDicTest {

	private static final SiteSettings CONTROL_12 = SiteSettings.DEFAULTS.withPtControlSeconds(12.0);

	private static Integer item(DayInputs in, String item) {
		return IsthDic.score(in).components().get(item);
	}

	@ParameterizedTest(name = "platelets {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"100; 0; D7: 100 -> 0", "99.999999; 1; 50 <= x < 100", "50; 1; 50 <= x < 100", "49.999999; 2; < 50",
	})
	void platelets(double platelets, int expected, String why) {
		assertThat(item(day().add(Analyte.PLATELETS, m(platelets, 3)).build(), "platelets")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "PT {0} s, control 12 s -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"14.999999; 0; 2.999999 s < 3",
		"15; 1; D7: prolongation 3 s -> 1",
		"17.999999; 1; 5.999999 s",
		"18; 2; D7: prolongation 6 s -> 2",
	})
	void ptProlongationFromSeconds(double seconds, int expected, String why) {
		DayInputs in = day().site(CONTROL_12).add(Analyte.PT_S, m(seconds, 3)).build();
		assertThat(item(in, "pt_prolongation")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "PT ratio {0}, control 12 s -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"1.249999; 0; (1.249999 - 1) x 12 = 2.999988 s",
		"1.25; 1; (1.25 - 1) x 12 = 3 s",
		"1.5; 2; (1.5 - 1) x 12 = 6 s",
	})
	void ptProlongationFromRatio(double ratio, int expected, String why) {
		DayInputs in = day().site(CONTROL_12).add(Analyte.PT_RATIO, m(ratio, 3)).build();
		assertThat(item(in, "pt_prolongation")).isEqualTo(expected);
	}

	@Test
	void inrIsNeverUsedForProlongation() {
		DicResult r = IsthDic.score(day().site(CONTROL_12).add(Analyte.INR, m(2.5, 3)).build());
		assertThat(r.components().get("pt_prolongation")).isNull();
		assertThat(r.flags()).doesNotContain(Flag.INR_FOR_PT_RATIO);
	}

	@Test
	void ptWithoutControlIsMissingAndFlagged() {
		DicResult r = IsthDic.score(day().add(Analyte.PT_S, m(20, 3)).build());
		assertThat(r.components().get("pt_prolongation")).isNull();
		assertThat(r.flags()).contains(Flag.PT_CONTROL_MISSING);
	}

	@ParameterizedTest(name = "fibrinogen {0} mg/dL -> {1}")
	@CsvSource(delimiter = ';', value = {"100; 0; D7: 1.0 g/L -> 0", "99.999999; 1; < 1.0 g/L"})
	void fibrinogen(double mgPerDl, int expected, String why) {
		assertThat(item(day().add(Analyte.FIBRINOGEN, m(mgPerDl, 3)).build(), "fibrinogen")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "FDP {0} with default cut-offs 10/25 -> {1}")
	@CsvSource({"9.999999, 0", "10, 2", "24.999999, 2", "25, 3"})
	void fibrinMarkerFromFdp(double fdp, int expected) {
		assertThat(item(day().add(Analyte.FDP, m(fdp, 3)).build(), "fibrin_marker")).isEqualTo(expected);
	}

	@Test
	void fibrinMarkerUsesTheSiteFdpCutoffs() {
		// site FDP cut-offs 5 / 20: 5 -> moderate (2), 20 -> strong (3)
		SiteSettings site = SiteSettings.DEFAULTS.withIsthFibrinMarkerFdp(new Thresholds(5, 20));
		assertThat(item(day().site(site).add(Analyte.FDP, m(5, 3)).build(), "fibrin_marker")).isEqualTo(2);
		assertThat(item(day().site(site).add(Analyte.FDP, m(20, 3)).build(), "fibrin_marker")).isEqualTo(3);
	}

	@ParameterizedTest(name = "D-dimer {0} with site cut-offs 5.4/10 -> {1}")
	@CsvSource({"5.399999, 0", "5.4, 2", "9.999999, 2", "10, 3"})
	void fibrinMarkerFromDdimerOnlyWithSiteCutoffs(double dd, int expected) {
		SiteSettings site = SiteSettings.DEFAULTS.withIsthFibrinMarkerDdimer(new Thresholds(5.4, 10));
		DicResult r = IsthDic.score(day().site(site).add(Analyte.D_DIMER, m(dd, 3)).build());
		assertThat(r.components().get("fibrin_marker")).isEqualTo(expected);
		assertThat(r.flags()).contains(Flag.DDIMER_FOR_FDP);
		assertThat(item(day().add(Analyte.D_DIMER, m(dd, 3)).build(), "fibrin_marker")).isNull();
	}

	@Test
	void totalOfFiveIsOvertDic() {
		// platelets 45 -> 2, FDP 30 -> 3, PT 13 s (1 s) -> 0, fibrinogen 200 -> 0: total 5 -> overt
		DicResult r = IsthDic.score(day().site(CONTROL_12).add(Analyte.PLATELETS, m(45, 3))
				.add(Analyte.FDP, m(30, 3)).add(Analyte.PT_S, m(13, 3)).add(Analyte.FIBRINOGEN, m(200, 3)).build());
		assertThat(r.total()).isEqualTo(5);
		assertThat(r.diagnosis()).isTrue();
	}

	@Test
	void missingMarkerLeavesFourIndeterminate() {
		// platelets 45 -> 2, PT 16 s (4 s) -> 1, fibrinogen 80 -> 1: total 4, marker missing -> max 7 -> null
		DicResult r = IsthDic.score(day().site(CONTROL_12).add(Analyte.PLATELETS, m(45, 3))
				.add(Analyte.PT_S, m(16, 3)).add(Analyte.FIBRINOGEN, m(80, 3)).build());
		assertThat(r.total()).isEqualTo(4);
		assertThat(r.maxPossible()).isEqualTo(7);
		assertThat(r.diagnosis()).isNull();
	}

	@Test
	void completeFourIsNotOvert() {
		// same with FDP 5 -> 0: total 4 = max_possible < 5 -> false
		DicResult r = IsthDic.score(day().site(CONTROL_12).add(Analyte.PLATELETS, m(45, 3)).add(Analyte.FDP, m(5, 3))
				.add(Analyte.PT_S, m(16, 3)).add(Analyte.FIBRINOGEN, m(80, 3)).build());
		assertThat(r.maxPossible()).isEqualTo(4);
		assertThat(r.diagnosis()).isFalse();
	}

	@Test
	void emptyDayAndNoUnderlyingDisorder() {
		DicResult empty = IsthDic.score(day().build());
		assertThat(empty.maxPossible()).isEqualTo(8); // 2 + 3 + 2 + 1
		assertThat(empty.missing()).containsExactly("platelets", "fibrin_marker", "pt_prolongation", "fibrinogen");
		DicResult none = IsthDic.score(day().patient(PatientFacts.NONE
				.withUnderlyingDisease(Recorded.of(false, "Observation/u"))).add(Analyte.PLATELETS, m(20, 3)).build());
		assertThat(none.applicable()).isFalse();
		assertThat(none.diagnosis()).isNull();
	}

	/**
	 * A realistic day by hand: platelets 62 and 45 -> lowest 45 -> 2; FDP 32 -> strong (>= 25) -> 3;
	 * PT 16.1 s - 12.0 s = 4.1 s -> 1; fibrinogen 1.3 g/L = 130 mg/dL -> 0. Total 6 >= 5 -> overt DIC.
	 */
	@Test
	void realisticDay() {
		DicResult r = IsthDic.score(day().site(CONTROL_12).add(Analyte.PLATELETS, m(62, 3))
				.add(Analyte.PLATELETS, m(45, 15)).add(Analyte.FDP, m(32, 3)).add(Analyte.PT_S, m(16.1, 3))
				.add(Analyte.FIBRINOGEN, m(130, 3)).build());
		assertThat(r.components()).containsExactly(Map.entry("platelets", 2), Map.entry("fibrin_marker", 3),
				Map.entry("pt_prolongation", 1), Map.entry("fibrinogen", 0));
		assertThat(r.total()).isEqualTo(6);
		assertThat(r.diagnosis()).isTrue();
		assertThat(r.code()).isEqualTo("isth-dic");
	}
}
