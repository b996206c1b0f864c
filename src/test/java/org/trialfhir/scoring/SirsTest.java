package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.gas;
import static org.trialfhir.scoring.Days.m;
import static org.trialfhir.scoring.Days.with;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Criteria of docs/scores-spec.md §5 (Bone 1992, strict inequalities): the threshold itself is not met. */
class SirsTest {

	@ParameterizedTest(name = "{0} {1} -> {2} = {3}: {4}")
	@CsvSource(delimiter = ';', value = {
		"TEMPERATURE; 38.0; temperature; 0; 38.0 not > 38",
		"TEMPERATURE; 38.000001; temperature; 1; > 38",
		"TEMPERATURE; 36.0; temperature; 0; 36.0 not < 36",
		"TEMPERATURE; 35.999999; temperature; 1; < 36",
		"HEART_RATE; 90; heart_rate; 0; 90 not > 90",
		"HEART_RATE; 90.000001; heart_rate; 1; > 90",
		"RESP_RATE; 20; respiratory; 0; 20 not > 20",
		"RESP_RATE; 20.000001; respiratory; 1; > 20",
		"WBC; 12; wbc; 0; 12.0 not > 12",
		"WBC; 12.000001; wbc; 1; > 12",
		"WBC; 4; wbc; 0; 4.0 not < 4",
		"WBC; 3.999999; wbc; 1; < 4",
		"BANDS_PCT; 10; wbc; 0; 10 % not > 10",
		"BANDS_PCT; 10.000001; wbc; 1; > 10 %",
	})
	void criterionBoundaries(Analyte analyte, double value, String criterion, int expected, String why) {
		assertThat(Sirs.score(with(analyte, value)).criteria().get(criterion)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "PaCO2 {0} -> {1}")
	@CsvSource({"32, 0", "31.999999, 1"})
	void paco2ArmOfTheRespiratoryCriterion(double paco2, int expected) {
		// no RR: the criterion is scored from PaCO2 alone; 32 not < 32
		DayInputs in = day().gas(gas(5, 90.0, 0.4, paco2, 7.4, false)).build();
		assertThat(Sirs.score(in).criteria().get("respiratory")).isEqualTo(expected);
	}

	@Test
	void eitherArmMeetsTheCriterion() {
		// RR 18 (not met) but PaCO2 30 (< 32) -> met
		DayInputs in = day().add(Analyte.RESP_RATE, m(18, 2)).gas(gas(5, 90.0, 0.4, 30.0, 7.4, false)).build();
		assertThat(Sirs.score(in).criteria().get("respiratory")).isEqualTo(1);
	}

	@Test
	void temperatureUsesBothMinimumAndMaximum() {
		// 37.0 and 35.8 -> min 35.8 < 36 -> met
		assertThat(Sirs.score(with(Analyte.TEMPERATURE, 37.0, 35.8)).criteria().get("temperature")).isEqualTo(1);
	}

	@Test
	void missingCriteriaAreListedAndCountZero() {
		// only HR 100 (met): count 1, three criteria missing
		SirsResult r = Sirs.score(with(Analyte.HEART_RATE, 100));
		assertThat(r.count()).isEqualTo(1);
		assertThat(r.total()).isEqualTo(1);
		assertThat(r.missing()).containsExactly("temperature", "respiratory", "wbc");
	}

	@Test
	void plateletRejectionDoesNotFlagSirsButWbcRejectionDoes() {
		DayInputs plt = day().rejected(new RejectedInput("platelets", "Observation/1", "bad unit")).build();
		DayInputs wbc = day().rejected(new RejectedInput("wbc", "Observation/2", "bad unit")).build();
		assertThat(Sirs.score(plt).flags()).doesNotContain(Flag.INPUT_REJECTED);
		assertThat(Sirs.score(wbc).flags()).contains(Flag.INPUT_REJECTED);
	}

	/**
	 * A realistic day by hand: temperature 38.9 / 37.1 -> met (> 38); HR max 112 -> met; RR max 19 and PaCO2
	 * 35 -> not met; WBC 15.2 -> met (> 12). Count 3.
	 */
	@Test
	void realisticDay() {
		DayInputs in = day().add(Analyte.TEMPERATURE, m(38.9, 2)).add(Analyte.TEMPERATURE, m(37.1, 14))
				.add(Analyte.HEART_RATE, m(112, 2)).add(Analyte.HEART_RATE, m(96, 14))
				.add(Analyte.RESP_RATE, m(19, 2)).gas(gas(6, 85.0, 0.4, 35.0, 7.38, false))
				.add(Analyte.WBC, m("Observation/wbc", 15.2, 5)).build();
		SirsResult r = Sirs.score(in);
		assertThat(r.criteria()).containsExactly(Map.entry("temperature", 1), Map.entry("heart_rate", 1),
				Map.entry("respiratory", 0), Map.entry("wbc", 1));
		assertThat(r.count()).isEqualTo(3);
		assertThat(r.missing()).isEmpty();
		assertThat(r.sources()).contains("Observation/wbc");
	}
}
