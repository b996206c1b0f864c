package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.m;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JMHW DIC criteria, docs/scores-spec.md §8 (Kobayashi 1983/1988); expected values by hand. */
class JmhwDicTest {

	private static Integer item(DayInputs in, String item) {
		return JmhwDic.score(in).components().get(item);
	}

	private static Recorded<Boolean> yes(String id) {
		return Recorded.of(true, "Observation/" + id);
	}

	private static Recorded<Boolean> no(String id) {
		return Recorded.of(false, "Observation/" + id);
	}

	@ParameterizedTest(name = "platelets {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"120.000001; 0; > 120",
		"120; 1; 80 < x <= 120 (closed at the top; JAAM gives 0)",
		"80.000001; 1; 80 < x <= 120",
		"80; 2; 50 < x <= 80 (JAAM gives 1)",
		"50.000001; 2; 50 < x <= 80",
		"50; 3; <= 50",
	})
	void platelets(double platelets, int expected, String why) {
		assertThat(item(day().add(Analyte.PLATELETS, m(platelets, 3)).build(), "platelets")).isEqualTo(expected);
	}

	@Test
	void plateletBandsDifferFromJaamAt120And80() {
		DayInputs at120 = day().add(Analyte.PLATELETS, m(120, 3)).build();
		DayInputs at80 = day().add(Analyte.PLATELETS, m(80, 3)).build();
		assertThat(JmhwDic.score(at120).components().get("platelets")).isEqualTo(1);
		assertThat(JaamDic.score(at120).components().get("platelets")).isEqualTo(0);
		assertThat(JmhwDic.score(at80).components().get("platelets")).isEqualTo(2);
		assertThat(JaamDic.score(at80).components().get("platelets")).isEqualTo(1);
	}

	@ParameterizedTest(name = "fibrinogen {0} mg/dL -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"150.000001; 0; > 150", "150; 1; 100 < x <= 150", "100.000001; 1; 100 < x <= 150", "100; 2; <= 100",
	})
	void fibrinogen(double mgPerDl, int expected, String why) {
		assertThat(item(day().add(Analyte.FIBRINOGEN, m(mgPerDl, 3)).build(), "fibrinogen")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "FDP {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"9.999999; 0; < 10", "10; 1; 10 <= x < 20", "19.999999; 1; 10 <= x < 20", "20; 2; 20 <= x < 40",
		"39.999999; 2; 20 <= x < 40", "40; 3; >= 40",
	})
	void fdp(double fdp, int expected, String why) {
		assertThat(item(day().add(Analyte.FDP, m(fdp, 3)).build(), "fdp")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "PT ratio {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"1.249999; 0; < 1.25", "1.25; 1; 1.25 <= x < 1.67", "1.669999; 1; 1.25 <= x < 1.67", "1.67; 2; >= 1.67",
	})
	void ptRatio(double ratio, int expected, String why) {
		assertThat(item(day().add(Analyte.PT_RATIO, m(ratio, 3)).build(), "pt_ratio")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "PT {0} s / 12 s -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"20.0; 1; 20/12 = 1.666667 < 1.67 (docs/scores-spec.md §8 example)",
		"20.04; 2; 20.04/12 = 1.67 -> 2",
	})
	void ptRatioFromSeconds(double seconds, int expected, String why) {
		DayInputs in = day().site(SiteSettings.DEFAULTS.withPtControlSeconds(12.0))
				.add(Analyte.PT_S, m(seconds, 3)).build();
		assertThat(item(in, "pt_ratio")).isEqualTo(expected);
	}

	@Test
	void ddimerNeverReplacesFdp() {
		DayInputs in = day().site(SiteSettings.DEFAULTS.withDdimerFdpEquivalents(new Thresholds(5.4, 13.2)))
				.add(Analyte.D_DIMER, m(30, 3)).build();
		JmhwResult r = JmhwDic.score(in);
		assertThat(r.components().get("fdp")).isNull();
		assertThat(r.flags()).doesNotContain(Flag.DDIMER_FOR_FDP);
	}

	/** Non-haematological patient with underlying disease, bleeding and organ failure (3 clinical points). */
	private static DayInputs.Builder threeClinical() {
		return day().patient(PatientFacts.NONE.withUnderlyingDisease(yes("u")).withBleeding(yes("b"))
				.withOrganFailure(yes("o")).withHematologicMalignancy(no("h")).withLiverCirrhosis(no("c")));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', value = {
		"3 clinical + FDP 25 (2) + plt 100 (1) + fib 200 (0) + PT 1.3 (1) = 7 -> dic; 100; 1.3; 7; DIC",
		"3 clinical + FDP 25 (2) + plt 100 (1) + fib 200 (0) + PT 1.0 (0) = 6 -> suspected; 100; 1.0; 6; SUSPECTED",
		"3 clinical + FDP 25 (2) + plt 130 (0) + fib 200 (0) + PT 1.0 (0) = 5 -> unlikely; 130; 1.0; 5; UNLIKELY",
	})
	void nonHematologicCategories(String why, double platelets, double ptRatio, int total, JmhwCategory category) {
		JmhwResult r = JmhwDic.score(threeClinical().add(Analyte.FDP, m(25, 3)).add(Analyte.PLATELETS, m(platelets, 3))
				.add(Analyte.FIBRINOGEN, m(200, 3)).add(Analyte.PT_RATIO, m(ptRatio, 3)).build());
		assertThat(r.total()).isEqualTo(total);
		assertThat(r.maxPossible()).isEqualTo(total);
		assertThat(r.category()).isEqualTo(category);
		assertThat(r.diagnosis()).isEqualTo(category == JmhwCategory.DIC);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', value = {
		"underlying 1 + bleeding 0* + organ 0 + FDP 45 (3) + plt 0* + fib 200 (0) + PT 1.0 (0) = 4 -> dic; 45; DIC",
		"as above with FDP 25 (2): 3 -> suspected; 25; SUSPECTED",
		"as above with FDP 15 (1): 2 -> unlikely; 15; UNLIKELY",
	})
	void hematologicType(String why, double fdp, JmhwCategory category) {
		PatientFacts p = PatientFacts.NONE.withUnderlyingDisease(yes("u")).withBleeding(yes("b"))
				.withOrganFailure(no("o")).withHematologicMalignancy(yes("h")).withLiverCirrhosis(no("c"));
		JmhwResult r = JmhwDic.score(day().patient(p).add(Analyte.FDP, m(fdp, 3)).add(Analyte.PLATELETS, m(30, 3))
				.add(Analyte.FIBRINOGEN, m(200, 3)).add(Analyte.PT_RATIO, m(1.0, 3)).build());
		assertThat(r.components().get("bleeding")).isZero();
		assertThat(r.components().get("platelets")).isZero();
		assertThat(r.category()).isEqualTo(category);
		assertThat(r.flags()).contains(Flag.HEMATOLOGIC_TYPE);
	}

	/** 3 clinical + FDP 45 (3) + platelets 100 (1) + fibrinogen 120 (1) + PT 1.3 (1) = raw 9. */
	private static DayInputs rawNine(PatientFacts p) {
		return day().patient(p).add(Analyte.FDP, m(45, 3)).add(Analyte.PLATELETS, m(100, 3))
				.add(Analyte.FIBRINOGEN, m(120, 3)).add(Analyte.PT_RATIO, m(1.3, 3)).build();
	}

	@Test
	void cirrhosisSubtractsThree() {
		// raw 9 - 3 = 6 -> suspected (non-haematological thresholds)
		PatientFacts p = PatientFacts.NONE.withUnderlyingDisease(yes("u")).withBleeding(yes("b"))
				.withOrganFailure(yes("o")).withLiverCirrhosis(yes("c")).withHematologicMalignancy(no("h"));
		JmhwResult r = JmhwDic.score(rawNine(p));
		assertThat(r.rawTotal()).isEqualTo(9);
		assertThat(r.total()).isEqualTo(6);
		assertThat(r.category()).isEqualTo(JmhwCategory.SUSPECTED);
		assertThat(r.flags()).contains(Flag.LIVER_CIRRHOSIS);
	}

	@Test
	void hematologicWithCirrhosisFollowsTheCirrhosisRule() {
		// D20: bleeding and platelets still scored, raw 9 - 3 = 6 -> suspected (haematological rule would give
		// 1+0+1+3+0+1+1 = 7 -> dic)
		PatientFacts p = PatientFacts.NONE.withUnderlyingDisease(yes("u")).withBleeding(yes("b"))
				.withOrganFailure(yes("o")).withLiverCirrhosis(yes("c")).withHematologicMalignancy(yes("h"));
		JmhwResult r = JmhwDic.score(rawNine(p));
		assertThat(r.total()).isEqualTo(6);
		assertThat(r.category()).isEqualTo(JmhwCategory.SUSPECTED);
		assertThat(r.flags()).contains(Flag.HEMATOLOGIC_WITH_CIRRHOSIS).doesNotContain(Flag.HEMATOLOGIC_TYPE);
	}

	@Test
	void categoryIsNullWhenMissingItemsCouldChangeIt() {
		// underlying 1, bleeding 0, organ 0, plt 100 (1), fib 200 (0), PT 1.3 (1), FDP missing: total 3 (unlikely),
		// max_possible 3 + 3 = 6 (suspected) -> category null; DIC impossible (6 < 7) -> diagnosis false
		PatientFacts p = PatientFacts.NONE.withUnderlyingDisease(yes("u")).withBleeding(no("b"))
				.withOrganFailure(no("o"));
		JmhwResult r = JmhwDic.score(day().patient(p).add(Analyte.PLATELETS, m(100, 3))
				.add(Analyte.FIBRINOGEN, m(200, 3)).add(Analyte.PT_RATIO, m(1.3, 3)).build());
		assertThat(r.total()).isEqualTo(3);
		assertThat(r.maxPossible()).isEqualTo(6);
		assertThat(r.category()).isNull();
		assertThat(r.diagnosis()).isFalse();
		assertThat(r.missing()).containsExactly("fdp");
	}

	@Test
	void emptyDay() {
		JmhwResult r = JmhwDic.score(day().build());
		assertThat(r.total()).isZero();
		assertThat(r.maxPossible()).isEqualTo(13); // 1+1+1+3+3+2+2
		assertThat(r.category()).isNull();
		assertThat(r.diagnosis()).isNull();
		assertThat(r.missing()).containsExactly("underlying_disease", "bleeding", "organ_failure", "fdp",
				"platelets", "fibrinogen", "pt_ratio");
	}

	/**
	 * A realistic septic day by hand: underlying disease 1, no bleeding 0, organ failure 1; FDP 28.4 -> 2;
	 * platelets 9.8 x10^4/uL = 98 -> 1; fibrinogen 1.45 g/L = 145 mg/dL -> 1; PT 15.6 s / 12 s = 1.3 -> 1.
	 * Total 7 -> DIC.
	 */
	@Test
	void realisticDay() {
		PatientFacts p = PatientFacts.NONE.withUnderlyingDisease(yes("u")).withBleeding(no("b"))
				.withOrganFailure(yes("o")).withHematologicMalignancy(no("h")).withLiverCirrhosis(no("c"));
		JmhwResult r = JmhwDic.score(day().patient(p).site(SiteSettings.DEFAULTS.withPtControlSeconds(12.0))
				.add(Analyte.FDP, m(28.4, 3)).add(Analyte.PLATELETS, m(98, 3)).add(Analyte.FIBRINOGEN, m(145, 3))
				.add(Analyte.PT_S, m(15.6, 3)).build());
		assertThat(r.components()).containsExactly(Map.entry("underlying_disease", 1), Map.entry("bleeding", 0),
				Map.entry("organ_failure", 1), Map.entry("fdp", 2), Map.entry("platelets", 1),
				Map.entry("fibrinogen", 1), Map.entry("pt_ratio", 1));
		assertThat(r.total()).isEqualTo(7);
		assertThat(r.rawTotal()).isEqualTo(7);
		assertThat(r.category()).isEqualTo(JmhwCategory.DIC);
		assertThat(r.diagnosis()).isTrue();
		assertThat(r.sources()).contains("Observation/u", "Observation/b", "Observation/o");
	}
}
