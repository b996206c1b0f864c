package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.m;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JAAM-2 DIC, docs/scores-spec.md §13 (Yamakawa 2024 Table 2; E21–E23); expected values worked out by hand. */
class Jaam2DicTest {

	private static final SiteSettings CONTROL_12 = SiteSettings.DEFAULTS.withPtControlSeconds(12.0);

	private static Integer item(DayInputs in, String item) {
		return Jaam2Dic.score(in).components().get(item);
	}

	@ParameterizedTest(name = "platelets {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"120; 0; >= 120",
		"119.999999; 1; 80 <= x < 120",
		"80; 1; 80 <= x < 120",
		"79.999999; 3; < 80",
	})
	void plateletCount(double platelets, int expected, String why) {
		assertThat(item(day().add(Analyte.PLATELETS, m(platelets, 6)).build(), "platelets")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} at -6 h -> {1} at 6 h: {2}")
	@CsvSource(delimiter = ';', value = {
		"300; 210; 1; 30 % -> 1 (inclusive, E21)",
		"300; 210.000003; 0; 29.999999 % -> 0",
		"300; 150; 3; 50 % -> 3 (inclusive, E21)",
		"300; 150.000003; 1; 49.999999 % -> 1",
	})
	void plateletFall(double earlier, double later, int expected, String why) {
		DayInputs in = day().add(Analyte.PLATELETS, m(earlier, -6)).add(Analyte.PLATELETS, m(later, 6)).build();
		assertThat(item(in, "platelets")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "FDP {0} -> {1}")
	@CsvSource({"9.999999, 0", "10, 1", "24.999999, 1", "25, 3"})
	void fdp(double fdp, int expected) {
		assertThat(item(day().add(Analyte.FDP, m(fdp, 5)).build(), "fdp")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "PT ratio {0} -> {1}")
	@CsvSource({"1.199999, 0", "1.2, 1"})
	void ptRatio(double ratio, int expected) {
		assertThat(item(day().add(Analyte.PT_RATIO, m(ratio, 5)).build(), "pt_ratio")).isEqualTo(expected);
	}

	@Test
	void noSirsItem() {
		// four SIRS criteria met, no lab: no sirs component, total 0
		DayInputs in = day().add(Analyte.TEMPERATURE, m(39, 2)).add(Analyte.HEART_RATE, m(120, 2))
				.add(Analyte.RESP_RATE, m(30, 2)).add(Analyte.WBC, m(15, 2)).build();
		DicResult r = Jaam2Dic.score(in);
		assertThat(r.components()).containsOnlyKeys("platelets", "fdp", "pt_ratio");
		assertThat(r.total()).isZero();
		assertThat(r.code()).isEqualTo("jaam-2-dic");
		assertThat(r.componentCode("pt_ratio")).isEqualTo("jaam-2-dic-pt-ratio");
	}

	// Worked examples J2-1 to J2-6 of docs/scores-spec.md §13

	@Test
	void j2_1AllBelowTheCuts() {
		// plt 120 -> 0 (fall not evaluable); FDP 9.9 -> 0; PT ratio 1.19 -> 0; total 0, max 0 -> false
		DicResult r = Jaam2Dic.score(day().add(Analyte.PLATELETS, m(120, 2)).add(Analyte.FDP, m(9.9, 2))
				.add(Analyte.PT_RATIO, m(1.19, 2)).build());
		assertThat(r.total()).isZero();
		assertThat(r.maxPossible()).isZero();
		assertThat(r.diagnosis()).isFalse();
		assertThat(r.flags()).contains(Flag.PLATELET_FALL_NOT_EVALUABLE);
	}

	@Test
	void j2_2PositiveWhereJaamIsNot() {
		// plt 119 -> 1; FDP 10.0 -> 1; PT 14.4 s / 12 s = 1.2 -> 1; total 3 -> true.
		// SIRS 2 criteria (temperature 39, heart rate 120; RR 16, WBC 8 normal) -> JAAM 3 + 0 = 3 < 4 -> false
		DayInputs in = day().site(CONTROL_12).add(Analyte.PLATELETS, m(119, 2)).add(Analyte.FDP, m(10.0, 2))
				.add(Analyte.PT_S, m(14.4, 2)).add(Analyte.TEMPERATURE, m(39, 2)).add(Analyte.HEART_RATE, m(120, 2))
				.add(Analyte.RESP_RATE, m(16, 2)).add(Analyte.WBC, m(8, 2)).build();
		DicResult r = Jaam2Dic.score(in);
		assertThat(r.components()).containsEntry("platelets", 1).containsEntry("fdp", 1)
				.containsEntry("pt_ratio", 1);
		assertThat(r.total()).isEqualTo(3);
		assertThat(r.diagnosis()).isTrue();
		assertThat(JaamDic.score(in).diagnosis()).isFalse();
	}

	@Test
	void j2_3FallFromThePreviousDay() {
		// plt 150 at 06:00 (T0 08:00 + 22 h), 220 at 12:00 the calendar day before (+4 h): dt 18 h,
		// fall 70/220 = 31.8 % -> 1; lowest count 150 -> 0; FDP 25.0 -> 3; PT ratio 1.10 -> 0; total 4 -> true
		DicResult r = Jaam2Dic.score(day().add(Analyte.PLATELETS, m(220, 4)).add(Analyte.PLATELETS, m(150, 22))
				.add(Analyte.FDP, m(25.0, 22)).add(Analyte.PT_RATIO, m(1.10, 22)).build());
		assertThat(r.components()).containsEntry("platelets", 1).containsEntry("fdp", 3).containsEntry("pt_ratio", 0);
		assertThat(r.total()).isEqualTo(4);
		assertThat(r.diagnosis()).isTrue();
	}

	@Test
	void j2_4PositiveDespiteMissingItems() {
		// plt 79 -> 3; FDP, PT missing; total 3, max 3 + 3 + 1 = 7 -> true
		DicResult r = Jaam2Dic.score(day().add(Analyte.PLATELETS, m(79, 2)).build());
		assertThat(r.total()).isEqualTo(3);
		assertThat(r.maxPossible()).isEqualTo(7);
		assertThat(r.missing()).containsExactly("fdp", "pt_ratio");
		assertThat(r.diagnosis()).isTrue();
	}

	@Test
	void j2_5FallOfExactly50PercentOverExactly24Hours() {
		// 400 at 08:00 the previous day (-24 h), 200 at 08:00 (0 h): 50.0 % with dt 24 h -> 3; FDP 5 -> 0;
		// PT ratio 1.0 -> 0; total 3 -> true
		DicResult r = Jaam2Dic.score(day().add(Analyte.PLATELETS, m(400, -24)).add(Analyte.PLATELETS, m(200, 0))
				.add(Analyte.FDP, m(5, 0)).add(Analyte.PT_RATIO, m(1.0, 0)).build());
		assertThat(r.components().get("platelets")).isEqualTo(3);
		assertThat(r.total()).isEqualTo(3);
		assertThat(r.diagnosis()).isTrue();
		// the strict reading of Table 2 ("> 50 %") would give 1 and no DIC: flagged (E21)
		assertThat(r.flags()).contains(Flag.PLATELET_FALL_AT_BOUNDARY);
	}

	@Test
	void fallJustAboveTheBoundaryIsNotFlagged() {
		// 400 -> 199.999996: 50.000001 % -> 3, clear of the boundary
		DicResult r = Jaam2Dic.score(day().add(Analyte.PLATELETS, m(400, -24)).add(Analyte.PLATELETS, m(199.999996, 0))
				.build());
		assertThat(r.components().get("platelets")).isEqualTo(3);
		assertThat(r.flags()).doesNotContain(Flag.PLATELET_FALL_AT_BOUNDARY);
	}

	@Test
	void j2_5VariantEarlierCountOneMinuteTooEarly() {
		// 400 at 07:59 the previous day: dt 24 h 01 min, no pair; count 200 -> 0; total 0 -> false
		DicResult r = Jaam2Dic.score(day().add(Analyte.PLATELETS, m(400, -24 - 1.0 / 60))
				.add(Analyte.PLATELETS, m(200, 0)).add(Analyte.FDP, m(5, 0)).add(Analyte.PT_RATIO, m(1.0, 0)).build());
		assertThat(r.components().get("platelets")).isZero();
		assertThat(r.total()).isZero();
		assertThat(r.diagnosis()).isFalse();
	}

	@Test
	void j2_6NegativeNotIndeterminate() {
		// plt 130 -> 0; FDP 12 -> 1; no PT at all; total 1, max 1 + 1 = 2 < 3 -> false
		DicResult r = Jaam2Dic.score(day().add(Analyte.PLATELETS, m(130, 2)).add(Analyte.FDP, m(12, 2)).build());
		assertThat(r.total()).isEqualTo(1);
		assertThat(r.maxPossible()).isEqualTo(2);
		assertThat(r.diagnosis()).isFalse();
	}

	@Test
	void indeterminateWhenMissingItemsCouldReachTheCut() {
		// no platelets; FDP 9 -> 0; PT ratio 1.2 -> 1; total 1, max 1 + 3 = 4 >= 3 -> null
		DicResult r = Jaam2Dic.score(day().add(Analyte.FDP, m(9, 2)).add(Analyte.PT_RATIO, m(1.2, 2)).build());
		assertThat(r.total()).isEqualTo(1);
		assertThat(r.maxPossible()).isEqualTo(4);
		assertThat(r.diagnosis()).isNull();
	}

	@Test
	void notApplicableWithoutUnderlyingDisease() {
		DayInputs in = day().add(Analyte.PLATELETS, m(50, 2))
				.patient(PatientFacts.NONE.withUnderlyingDisease(new Recorded<>(false, "QuestionnaireResponse/1")))
				.build();
		DicResult r = Jaam2Dic.score(in);
		assertThat(r.applicable()).isFalse();
		assertThat(r.diagnosis()).isNull();
	}

	/**
	 * JAAM positive ⇒ JAAM-2 positive, over generated days (docs/scores-spec.md §13): JAAM-2 total = JAAM total − SIRS
	 * item, so JAAM ≥ 4 gives JAAM-2 ≥ 3. Values straddle every cut; any item may be absent.
	 */
	@Test
	void jaamPositiveImpliesJaam2Positive() {
		Random random = new Random(20);
		int jaamPositive = 0;
		int onlyJaam2Positive = 0;
		for (int i = 0; i < 20_000; i++) {
			DayInputs.Builder b = day().site(CONTROL_12);
			maybe(random, b, Analyte.PLATELETS, 40, 200, -20);
			maybe(random, b, Analyte.PLATELETS, 40, 200, 10);
			maybe(random, b, Analyte.FDP, 0, 40, 10);
			maybe(random, b, random.nextBoolean() ? Analyte.PT_RATIO : Analyte.PT_S, 0.9, 18, 10);
			maybe(random, b, Analyte.INR, 0.9, 1.8, 10);
			maybe(random, b, Analyte.TEMPERATURE, 35, 40, 10);
			maybe(random, b, Analyte.HEART_RATE, 60, 130, 10);
			maybe(random, b, Analyte.RESP_RATE, 10, 35, 10);
			maybe(random, b, Analyte.WBC, 2, 20, 10);
			DayInputs in = b.build();
			DicResult jaam = JaamDic.score(in);
			DicResult jaam2 = Jaam2Dic.score(in);
			Integer sirs = jaam.components().get("sirs");
			assertThat(jaam2.total()).as("JAAM-2 total = JAAM total - SIRS item, %s", in)
					.isEqualTo(jaam.total() - (sirs == null ? 0 : sirs));
			if (Boolean.TRUE.equals(jaam.diagnosis())) {
				jaamPositive++;
				assertThat(jaam2.diagnosis()).as("JAAM-2 of a JAAM-positive day %s", in).isTrue();
			} else if (Boolean.TRUE.equals(jaam2.diagnosis())) {
				onlyJaam2Positive++;
			}
		}
		// the generator must reach both sides of the implication, or the property proves nothing
		assertThat(jaamPositive).isPositive();
		assertThat(onlyJaam2Positive).isPositive();
	}

	/** With probability 3/4, one value of {@code analyte} drawn uniformly from [low, high) at {@code hour}. */
	private static void maybe(Random random, DayInputs.Builder b, Analyte analyte, double low, double high,
			double hour) {
		if (random.nextInt(4) > 0) {
			b.add(analyte, m(low + random.nextDouble() * (high - low), hour));
		}
	}
}
