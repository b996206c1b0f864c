package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.gas;
import static org.trialfhir.scoring.Days.hour;
import static org.trialfhir.scoring.Days.infusion;
import static org.trialfhir.scoring.Days.m;
import static org.trialfhir.scoring.Days.urine;
import static org.trialfhir.scoring.Days.with;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected points from docs/scores-spec.md §3 (Vincent 1996 table), worked by hand for each row. */
class SofaTest {

	@ParameterizedTest(name = "platelets {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"150; 0; >= 150",
		"149.999999; 1; 100 <= x < 150",
		"100; 1; 100 <= x < 150",
		"99.999999; 2; 50 <= x < 100",
		"50; 2; 50 <= x < 100",
		"49.999999; 3; 20 <= x < 50",
		"20; 3; 20 <= x < 50",
		"19.999999; 4; < 20",
	})
	void coagulation(double platelets, int expected, String why) {
		assertThat(Sofa.score(with(Analyte.PLATELETS, platelets)).components().get("coagulation")).isEqualTo(expected);
	}

	@Test
	void coagulationTakesTheLowestCountOfTheDay() {
		// 200 -> 0, 90 -> 2: lowest wins
		assertThat(Sofa.score(with(Analyte.PLATELETS, 200, 90, 160)).components().get("coagulation")).isEqualTo(2);
	}

	@ParameterizedTest(name = "bilirubin {0} mg/dL -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"1.199999; 0; < 1.2",
		"1.2; 1; 1.2 <= x < 2.0",
		"1.999999; 1; 1.2 <= x < 2.0",
		"2.0; 2; 2.0 <= x < 6.0",
		"5.999999; 2; 2.0 <= x < 6.0",
		"6.0; 3; 6.0 <= x < 12.0",
		"11.999999; 3; 6.0 <= x < 12.0",
		"12.0; 4; >= 12.0 (D1: 12.0 scores 4)",
	})
	void liver(double bilirubin, int expected, String why) {
		assertThat(Sofa.score(with(Analyte.BILIRUBIN, bilirubin)).components().get("liver")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "GCS {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"15; 0; 15", "14; 1; 13-14", "13; 1; 13-14", "12; 2; 10-12", "10; 2; 10-12",
		"9; 3; 6-9", "6; 3; 6-9", "5; 4; < 6", "3; 4; < 6",
	})
	void cns(double gcs, int expected, String why) {
		assertThat(Sofa.score(with(Analyte.GCS, gcs)).components().get("cns")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "creatinine {0} mg/dL -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"1.199999; 0; < 1.2",
		"1.2; 1; 1.2 <= x < 2.0",
		"1.999999; 1; 1.2 <= x < 2.0",
		"2.0; 2; 2.0 <= x < 3.5",
		"3.499999; 2; 2.0 <= x < 3.5",
		"3.5; 3; 3.5 <= x < 5.0",
		"4.999999; 3; 3.5 <= x < 5.0",
		"5.0; 4; >= 5.0 (D1)",
	})
	void renalFromCreatinine(double creatinine, int expected, String why) {
		assertThat(Sofa.score(with(Analyte.CREATININE, creatinine)).components().get("renal")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "urine {0} mL/24 h -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"500; 0; not < 500",
		"499.999999; 3; < 500",
		"200; 3; < 500 but not < 200",
		"199.999999; 4; < 200",
	})
	void renalFromUrineOverAFullyCoveredDay(double ml, int expected, String why) {
		DayInputs in = day().urine(urine(0, 24, ml)).build();
		assertThat(Sofa.score(in).components().get("renal")).isEqualTo(expected);
	}

	@Test
	void renalTakesTheHigherOfCreatinineAndUrine() {
		// creatinine 1.3 -> 1; urine 450 mL (two periods covering the day) -> 3; renal = 3
		DayInputs in = day().add(Analyte.CREATININE, m(1.3, 5))
				.urine(urine(0, 12, 250)).urine(urine(12, 24, 200)).build();
		assertThat(Sofa.score(in).components().get("renal")).isEqualTo(3);
	}

	@Test
	void urineWithAGapIsNotUsedAndFlagged() {
		// 0-12 h and 13-24 h leave 12-13 h uncovered: 400 mL would score 3, but is not used (D5); creatinine 1.0 -> 0
		DayInputs in = day().add(Analyte.CREATININE, m(1.0, 5))
				.urine(urine(0, 12, 300)).urine(urine(13, 24, 100)).build();
		SofaResult r = Sofa.score(in);
		assertThat(r.components().get("renal")).isZero();
		assertThat(r.flags()).contains(Flag.URINE_WINDOW_INCOMPLETE);
	}

	@Test
	void urinePeriodStraddlingTheDayStartCountsItsShare() {
		// -6..6 h, 600 mL: 6 of its 12 h are in the day -> 300 mL; plus 6..24 h 100 mL -> 400 mL < 500 -> 3
		DayInputs in = day().urine(urine(-6, 6, 600)).urine(urine(6, 24, 100)).build();
		assertThat(Sofa.score(in).components().get("renal")).isEqualTo(3);
	}

	@ParameterizedTest(name = "PaO2 {0} / FiO2 {1}, support {2} -> {3}: {4}")
	@CsvSource(delimiter = ';', value = {
		"400; 1.0; false; 0; P/F 400 >= 400",
		"399.999999; 1.0; false; 1; 300 <= P/F < 400",
		"399.999999; 1.0; true; 1; support does not matter above 200",
		"300; 1.0; false; 1; 300 <= P/F < 400",
		"299.999999; 1.0; false; 2; P/F < 300",
		"199.999999; 1.0; false; 2; < 200 without support is capped at 2",
		"50; 1.0; false; 2; < 100 without support is capped at 2",
		"200; 1.0; true; 2; D3: '< 200' is strict, 200 on support scores 2",
		"80; 0.4; true; 2; 80/0.4 = 200.00000000000003 in floating point, 200 after 6-decimal rounding -> 2",
		"199.999999; 1.0; true; 3; < 200 on support",
		"100; 1.0; true; 3; D3: '< 100' strict, 100 on support scores 3",
		"99.999999; 1.0; true; 4; < 100 on support",
		"120; 0.4; true; 1; 120/0.4 = 300 -> 1",
	})
	void respiration(double pao2, double fio2, boolean support, int expected, String why) {
		DayInputs in = day().gas(gas(6, pao2, fio2, 40.0, 7.4, support)).build();
		assertThat(Sofa.score(in).components().get("respiration")).isEqualTo(expected);
	}

	@Test
	void respirationIsScoredPerGasWithItsOwnSupportStatus() {
		// mimic-code first_day_sofa.sql: a no-support P/F of 68 (-> 2, capped) and a ventilated P/F of 120 (-> 3)
		// give 3, not 4
		DayInputs in = day().gas(gas(3, 68.0, 1.0, null, null, false))
				.gas(gas(9, 120.0, 1.0, null, null, true)).build();
		assertThat(Sofa.score(in).components().get("respiration")).isEqualTo(3);
	}

	@Test
	void unknownSupportIsScoredAsNoSupportAndFlagged() {
		// P/F 50 would be 4 on support; unknown support -> capped at 2 (D4)
		SofaResult r = Sofa.score(day().gas(gas(6, 50.0, 1.0, null, null, null)).build());
		assertThat(r.components().get("respiration")).isEqualTo(2);
		assertThat(r.flags()).contains(Flag.SUPPORT_UNKNOWN);
	}

	@Test
	void reportedPfRatioIsUsedWhenNoFio2() {
		// P/F 150 reported (50984-4), on support -> 3
		ArterialGas g = new ArterialGas(hour(6), m(75, 6), null, null, null, m(150, 6), true);
		assertThat(Sofa.score(day().gas(g).build()).components().get("respiration")).isEqualTo(3);
	}

	@ParameterizedTest(name = "{0} {1} ug/kg/min for {2} h -> {3}: {4}")
	@CsvSource(delimiter = ';', value = {
		"DOPAMINE; 5; 2; 2; D3: dopamine <= 5 -> 2",
		"DOPAMINE; 5.000001; 2; 3; dopamine > 5 -> 3",
		"DOPAMINE; 15; 2; 3; dopamine > 5 and <= 15 -> 3",
		"DOPAMINE; 15.000001; 2; 4; dopamine > 15 -> 4",
		"DOBUTAMINE; 0.5; 2; 2; dobutamine any dose -> 2",
		"DOBUTAMINE; 20; 2; 2; dobutamine any dose -> 2",
		"EPINEPHRINE; 0.1; 2; 3; epinephrine <= 0.1 -> 3",
		"EPINEPHRINE; 0.100001; 2; 4; epinephrine > 0.1 -> 4",
		"NOREPINEPHRINE; 0.01; 2; 3; norepinephrine <= 0.1 -> 3",
		"NOREPINEPHRINE; 0.1; 2; 3; norepinephrine <= 0.1 -> 3",
		"NOREPINEPHRINE; 0.100001; 2; 4; norepinephrine > 0.1 -> 4",
		"NOREPINEPHRINE; 0.2; 1; 4; exactly 1 h counts",
		"NOREPINEPHRINE; 0.2; 0.983333; 1; 59 min does not count: MAP 65 < 70 -> 1",
	})
	void cardiovascular(Vasopressor agent, double rate, double hours, int expected, String why) {
		DayInputs in = day().vasopressor(infusion(agent, rate, 2, 2 + hours)).add(Analyte.MAP, m(65, 1)).build();
		assertThat(Sofa.score(in).components().get("cardiovascular")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "MAP {0} without agents -> {1}")
	@CsvSource({"70, 0", "69.999999, 1"})
	void cardiovascularFromMapAloneIsFlagged(double map, int expected) {
		SofaResult r = Sofa.score(with(Analyte.MAP, map, 90));
		assertThat(r.components().get("cardiovascular")).isEqualTo(expected);
		assertThat(r.flags()).contains(Flag.VASOPRESSOR_DATA_ABSENT);
	}

	@Test
	void mapIsDerivedFromSimultaneousSystolicAndDiastolic() {
		// no MAP measured: (90 + 2*55)/3 = 66.666667 < 70 -> 1
		DayInputs in = day().add(Analyte.SBP, m(90, 4)).add(Analyte.DBP, m(55, 4)).build();
		assertThat(Sofa.score(in).components().get("cardiovascular")).isEqualTo(1);
	}

	@Test
	void titrationStepsJoinIntoOneSustainedStretch() {
		// norepinephrine 0.05 (1.0-1.5 h), 0.2 (1.5-2.0 h), 0.2 (2.0-2.6 h): >= 0.2 ran 1.5-2.6 h = 66 min -> 4
		DayInputs in = day().vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.05, 1, 1.5))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.2, 1.5, 2))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.2, 2, 2.6)).build();
		assertThat(Sofa.score(in).components().get("cardiovascular")).isEqualTo(4);
	}

	@Test
	void highestRateIsTheOneSustainedForAnHour() {
		// 0.2 for 30 min, 0.05 for 1 h, 0.2 for 30 min: 0.2 never lasts 1 h; >= 0.05 lasts 2 h -> 0.05 -> 3
		DayInputs in = day().vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.2, 1, 1.5))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.05, 1.5, 2.5))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.2, 2.5, 3)).build();
		assertThat(Sofa.score(in).components().get("cardiovascular")).isEqualTo(3);
	}

	@Test
	void infusionCrossingTheDayStartCountsItsWholeStretch() {
		// 0.2 from -0.5 h to 0.75 h: 75 min in one stretch that overlaps the day -> 4
		DayInputs in = day().vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.2, -0.5, 0.75)).build();
		assertThat(Sofa.score(in).components().get("cardiovascular")).isEqualTo(4);
	}

	@Test
	void stillRunningInfusionCountsUntilTheDayEnd() {
		// started 23.5 h, no end: 30 min in this day -> not counted; MAP 75 -> 0
		DayInputs in = day().add(Analyte.MAP, m(75, 1)).vasopressor(new VasopressorInfusion(
				Vasopressor.NOREPINEPHRINE, 0.3, hour(23.5), null, "MedicationAdministration/run")).build();
		SofaResult r = Sofa.score(in);
		assertThat(r.components().get("cardiovascular")).isZero();
		assertThat(r.flags()).doesNotContain(Flag.VASOPRESSOR_DATA_ABSENT);
	}

	@Test
	void emptyDayHasEveryComponentMissingAndTotalZero() {
		SofaResult r = Sofa.score(day().build());
		assertThat(r.total()).isZero();
		assertThat(r.missing()).containsExactly("respiration", "coagulation", "liver", "cardiovascular", "cns",
				"renal");
		assertThat(r.components()).containsOnlyKeys(r.missing()).allSatisfy((k, v) -> assertThat(v).isNull());
	}

	@Test
	void missingComponentsCountZeroButAreListed() {
		// only platelets 40 -> coagulation 3; total 3; five components missing
		SofaResult r = Sofa.score(with(Analyte.PLATELETS, 40));
		assertThat(r.total()).isEqualTo(3);
		assertThat(r.missing()).containsExactly("respiration", "liver", "cardiovascular", "cns", "renal");
	}

	@Test
	void valuesOutsideTheHalfOpenWindowAreIgnored() {
		// 10 at exactly T0+24 h belongs to day 2; 10 at T0-1 s belongs to day 0; 130 at T0 is in -> 1
		DayInputs in = day().add(Analyte.PLATELETS, m(10, 24)).add(Analyte.PLATELETS, m(10, -1.0 / 3600))
				.add(Analyte.PLATELETS, m(130, 0)).build();
		assertThat(Sofa.score(in).components().get("coagulation")).isEqualTo(1);
	}

	@Test
	void comparatorBoundIsUsedJustInsideAndFlagged() {
		// "<20" -> 19.999999 -> 4 (D21)
		DayInputs in = day().add(Analyte.PLATELETS,
				Measurement.of("Observation/p", hour(3), 20, ValueComparator.LESS_THAN)).build();
		SofaResult r = Sofa.score(in);
		assertThat(r.components().get("coagulation")).isEqualTo(4);
		assertThat(r.flags()).contains(Flag.COMPARATOR_USED);
	}

	@Test
	void rejectedInputOfARelevantVariableIsFlagged() {
		DayInputs in = day().rejected(new RejectedInput("platelets", "Observation/9", "unit 'mg' not accepted"))
				.build();
		SofaResult r = Sofa.score(in);
		assertThat(r.flags()).contains(Flag.INPUT_REJECTED);
		assertThat(r.notes()).anyMatch(n -> n.contains("Observation/9") && n.contains("'mg'"));
	}

	/**
	 * A realistic ventilated septic day, by hand:
	 * respiration: gas 6 h PaO2 85 / FiO2 0.5 on MV = 170 -> 3; gas 14 h PaO2 95 with FiO2 0.4 charted at 12 h
	 * = 237.5 on MV -> 2; worst 3. coagulation: 120 and 98 -> lowest 98 -> 2. liver: 1.8, 2.3 -> 2.3 -> 2.
	 * cardiovascular: norepinephrine 0.08 for 2-10 h and 0.15 for 10-10.5 h: 0.15 lasts 30 min only, >= 0.08
	 * lasts 8.5 h -> 0.08 <= 0.1 -> 3. cns: GCS 10 -> 2. renal: creatinine 1.6 -> 1; urine 250+200+150 = 600 mL
	 * over a covered day -> 0; renal 1. Total 3+2+2+3+2+1 = 13.
	 */
	@Test
	void realisticDay() {
		ArterialGas morning = new ArterialGas(hour(6), m("Observation/pao2-a", 85, 6), null, null,
				m("Observation/fio2-a", 0.5, 6), null, true);
		ArterialGas afternoon = new ArterialGas(hour(14), m("Observation/pao2-b", 95, 14), null, null, null, null,
				true);
		DayInputs in = day().gas(morning).gas(afternoon)
				.add(Analyte.FIO2, m("Observation/fio2-charted", 0.4, 12))
				.add(Analyte.PLATELETS, m("Observation/plt-1", 120, 5)).add(Analyte.PLATELETS, m(98, 17))
				.add(Analyte.BILIRUBIN, m(1.8, 5)).add(Analyte.BILIRUBIN, m(2.3, 17))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.08, 2, 10))
				.vasopressor(infusion(Vasopressor.NOREPINEPHRINE, 0.15, 10, 10.5))
				.add(Analyte.MAP, m(62, 1)).add(Analyte.GCS, m(10, 8)).add(Analyte.CREATININE, m(1.6, 5))
				.urine(urine(0, 8, 250)).urine(urine(8, 16, 200)).urine(urine(16, 24, 150)).build();
		SofaResult r = Sofa.score(in);
		assertThat(r.components()).containsExactly(
				entry("respiration", 3), entry("coagulation", 2), entry("liver", 2),
				entry("cardiovascular", 3), entry("cns", 2), entry("renal", 1));
		assertThat(r.total()).isEqualTo(13);
		assertThat(r.missing()).isEmpty();
		assertThat(r.sources()).contains("Observation/pao2-a", "Observation/fio2-a", "Observation/pao2-b",
				"Observation/fio2-charted", "Observation/plt-1");
	}

	private static java.util.Map.Entry<String, Integer> entry(String k, int v) {
		return java.util.Map.entry(k, v);
	}
}
