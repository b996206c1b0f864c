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

/** Expected points from the APACHE II table of docs/scores-spec.md §4 (Knaus Table 2, cut-point tiled), by hand. */
class ApacheIITest {

	private static final Map<Analyte, String> COMPONENT = Map.of(Analyte.TEMPERATURE, "temperature",
			Analyte.MAP, "map", Analyte.HEART_RATE, "heart_rate", Analyte.RESP_RATE, "resp_rate",
			Analyte.SODIUM, "sodium", Analyte.POTASSIUM, "potassium", Analyte.CREATININE, "creatinine",
			Analyte.HEMATOCRIT, "hematocrit", Analyte.WBC, "wbc", Analyte.HCO3, "acid_base");

	@ParameterizedTest(name = "{0} {1} -> {2}: {3}")
	@CsvSource(delimiter = ';', value = {
		"TEMPERATURE; 41; 4; >= 41",
		"TEMPERATURE; 40.999999; 3; 39 <= v < 41 (printed 39-40.9)",
		"TEMPERATURE; 39; 3; 39 <= v < 41",
		"TEMPERATURE; 38.999999; 1; 38.5 <= v < 39",
		"TEMPERATURE; 38.5; 1; 38.5 <= v < 39",
		"TEMPERATURE; 38.4; 0; 36 <= v < 38.5",
		"TEMPERATURE; 38.499999; 0; 36 <= v < 38.5",
		"TEMPERATURE; 36; 0; 36 <= v < 38.5",
		"TEMPERATURE; 35.999999; 1; 34 <= v < 36",
		"TEMPERATURE; 34; 1; 34 <= v < 36",
		"TEMPERATURE; 33.999999; 2; 32 <= v < 34",
		"TEMPERATURE; 32; 2; 32 <= v < 34",
		"TEMPERATURE; 31.999999; 3; 30 <= v < 32",
		"TEMPERATURE; 30; 3; 30 <= v < 32",
		"TEMPERATURE; 29.999999; 4; < 30",
		"MAP; 160; 4; >= 160",
		"MAP; 159.999999; 3; 130 <= v < 160",
		"MAP; 130; 3; 130 <= v < 160",
		"MAP; 129.999999; 2; 110 <= v < 130",
		"MAP; 110; 2; 110 <= v < 130",
		"MAP; 109.999999; 0; 70 <= v < 110",
		"MAP; 70; 0; 70 <= v < 110",
		"MAP; 69.999999; 2; 50 <= v < 70",
		"MAP; 69.5; 2; D6: fractional MAP 69.5 scores 2",
		"MAP; 50; 2; 50 <= v < 70",
		"MAP; 49.999999; 4; < 50",
		"HEART_RATE; 180; 4; >= 180",
		"HEART_RATE; 179.999999; 3; 140 <= v < 180",
		"HEART_RATE; 140; 3; 140 <= v < 180",
		"HEART_RATE; 139.999999; 2; 110 <= v < 140",
		"HEART_RATE; 110; 2; 110 <= v < 140",
		"HEART_RATE; 109.999999; 0; 70 <= v < 110",
		"HEART_RATE; 70; 0; 70 <= v < 110",
		"HEART_RATE; 69.999999; 2; 55 <= v < 70",
		"HEART_RATE; 55; 2; 55 <= v < 70",
		"HEART_RATE; 54.999999; 3; 40 <= v < 55",
		"HEART_RATE; 40; 3; 40 <= v < 55",
		"HEART_RATE; 39.999999; 4; < 40",
		"RESP_RATE; 50; 4; >= 50",
		"RESP_RATE; 49.999999; 3; 35 <= v < 50",
		"RESP_RATE; 35; 3; 35 <= v < 50",
		"RESP_RATE; 34.999999; 1; 25 <= v < 35",
		"RESP_RATE; 25; 1; 25 <= v < 35",
		"RESP_RATE; 24.999999; 0; 12 <= v < 25",
		"RESP_RATE; 12; 0; 12 <= v < 25",
		"RESP_RATE; 11.999999; 1; 10 <= v < 12",
		"RESP_RATE; 10; 1; 10 <= v < 12",
		"RESP_RATE; 9.999999; 2; 6 <= v < 10",
		"RESP_RATE; 6; 2; 6 <= v < 10",
		"RESP_RATE; 5.999999; 4; < 6",
		"SODIUM; 180; 4; >= 180",
		"SODIUM; 179.999999; 3; 160 <= v < 180",
		"SODIUM; 160; 3; 160 <= v < 180",
		"SODIUM; 159.999999; 2; 155 <= v < 160",
		"SODIUM; 155; 2; 155 <= v < 160",
		"SODIUM; 154.999999; 1; 150 <= v < 155",
		"SODIUM; 150; 1; 150 <= v < 155",
		"SODIUM; 149.999999; 0; 130 <= v < 150",
		"SODIUM; 130; 0; 130 <= v < 150",
		"SODIUM; 129.999999; 2; 120 <= v < 130",
		"SODIUM; 120; 2; 120 <= v < 130",
		"SODIUM; 119.999999; 3; 111 <= v < 120",
		"SODIUM; 111; 3; 111 <= v < 120",
		"SODIUM; 110.999999; 4; < 111",
		"SODIUM; 110; 4; printed <= 110",
		"POTASSIUM; 7; 4; >= 7.0",
		"POTASSIUM; 6.999999; 3; 6.0 <= v < 7.0",
		"POTASSIUM; 6; 3; 6.0 <= v < 7.0",
		"POTASSIUM; 5.999999; 1; 5.5 <= v < 6.0",
		"POTASSIUM; 5.5; 1; 5.5 <= v < 6.0",
		"POTASSIUM; 5.499999; 0; 3.5 <= v < 5.5",
		"POTASSIUM; 3.5; 0; 3.5 <= v < 5.5",
		"POTASSIUM; 3.499999; 1; 3.0 <= v < 3.5",
		"POTASSIUM; 3; 1; 3.0 <= v < 3.5",
		"POTASSIUM; 2.999999; 2; 2.5 <= v < 3.0",
		"POTASSIUM; 2.5; 2; 2.5 <= v < 3.0",
		"POTASSIUM; 2.499999; 4; < 2.5",
		"CREATININE; 3.5; 4; >= 3.5",
		"CREATININE; 3.499999; 3; 2.0 <= v < 3.5",
		"CREATININE; 2; 3; 2.0 <= v < 3.5",
		"CREATININE; 1.999999; 2; 1.5 <= v < 2.0",
		"CREATININE; 1.5; 2; 1.5 <= v < 2.0",
		"CREATININE; 1.499999; 0; 0.6 <= v < 1.5",
		"CREATININE; 0.6; 0; 0.6 <= v < 1.5",
		"CREATININE; 0.599999; 2; < 0.6",
		"HEMATOCRIT; 60; 4; >= 60",
		"HEMATOCRIT; 59.999999; 2; 50 <= v < 60",
		"HEMATOCRIT; 50; 2; 50 <= v < 60",
		"HEMATOCRIT; 49.999999; 1; 46 <= v < 50",
		"HEMATOCRIT; 46; 1; 46 <= v < 50",
		"HEMATOCRIT; 45.999999; 0; 30 <= v < 46",
		"HEMATOCRIT; 30; 0; 30 <= v < 46",
		"HEMATOCRIT; 29.999999; 2; 20 <= v < 30",
		"HEMATOCRIT; 20; 2; 20 <= v < 30",
		"HEMATOCRIT; 19.999999; 4; < 20",
		"WBC; 40; 4; >= 40",
		"WBC; 39.999999; 2; 20 <= v < 40",
		"WBC; 20; 2; 20 <= v < 40",
		"WBC; 19.999999; 1; 15 <= v < 20",
		"WBC; 15; 1; 15 <= v < 20",
		"WBC; 14.999999; 0; 3 <= v < 15",
		"WBC; 3; 0; 3 <= v < 15",
		"WBC; 2.999999; 2; 1 <= v < 3",
		"WBC; 1; 2; 1 <= v < 3",
		"WBC; 0.999999; 4; < 1",
		"HCO3; 52; 4; >= 52 (no arterial gas)",
		"HCO3; 51.999999; 3; 41 <= v < 52",
		"HCO3; 41; 3; 41 <= v < 52",
		"HCO3; 40.999999; 1; 32 <= v < 41",
		"HCO3; 32; 1; 32 <= v < 41",
		"HCO3; 31.999999; 0; 22 <= v < 32",
		"HCO3; 22; 0; 22 <= v < 32",
		"HCO3; 21.999999; 2; 18 <= v < 22",
		"HCO3; 18; 2; 18 <= v < 22",
		"HCO3; 17.999999; 3; 15 <= v < 18",
		"HCO3; 15; 3; 15 <= v < 18",
		"HCO3; 14.999999; 4; < 15",
	})
	void physiologyBands(Analyte analyte, double value, int expected, String why) {
		assertThat(ApacheII.score(with(analyte, value)).components().get(COMPONENT.get(analyte)))
				.isEqualTo(expected);
	}

	@ParameterizedTest(name = "arterial pH {0} -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"7.70; 4; >= 7.70", "7.699999; 3; 7.60 <= v < 7.70", "7.60; 3; 7.60 <= v < 7.70",
		"7.599999; 1; 7.50 <= v < 7.60", "7.50; 1; 7.50 <= v < 7.60", "7.499999; 0; 7.33 <= v < 7.50",
		"7.33; 0; 7.33 <= v < 7.50", "7.329999; 2; 7.25 <= v < 7.33", "7.25; 2; 7.25 <= v < 7.33",
		"7.249999; 3; 7.15 <= v < 7.25", "7.15; 3; 7.15 <= v < 7.25", "7.149999; 4; < 7.15",
	})
	void arterialPh(double ph, int expected, String why) {
		DayInputs in = day().gas(gas(6, null, null, null, ph, null)).build();
		assertThat(ApacheII.score(in).components().get("acid_base")).isEqualTo(expected);
	}

	@Test
	void hco3IsIgnoredWhenTheDayHasAnArterialPh() {
		// pH 7.40 -> 0; HCO3 12 would score 4 but is not used
		DayInputs in = day().gas(gas(6, null, null, null, 7.40, null)).add(Analyte.HCO3, m(12, 7)).build();
		ApacheIIResult r = ApacheII.score(in);
		assertThat(r.components().get("acid_base")).isZero();
		assertThat(r.flags()).doesNotContain(Flag.HCO3_FOR_PH);
	}

	@Test
	void hco3FallbackIsFlagged() {
		assertThat(ApacheII.score(with(Analyte.HCO3, 25)).flags()).contains(Flag.HCO3_FOR_PH);
	}

	@ParameterizedTest(name = "PaO2 {0} at FiO2 {1} -> {2}: {3}")
	@CsvSource(delimiter = ';', value = {
		"70.000001; 0.4; 0; FiO2 < 0.5: PaO2 > 70",
		"70; 0.4; 1; 61 <= PaO2 <= 70",
		"61; 0.4; 1; 61 <= PaO2 <= 70",
		"60.999999; 0.4; 3; 55 <= PaO2 < 61",
		"55; 0.49; 3; 55 <= PaO2 < 61, FiO2 0.49 is still the PaO2 route",
		"54.999999; 0.4; 4; PaO2 < 55",
		"60; 0.5; 2; FiO2 exactly 0.5 takes A-aDO2: 0.5*(760-47) - 40/0.8 - 60 = 356.5-50-60 = 246.5 -> 2",
		"106.5; 0.5; 2; A-aDO2 = 306.5 - 106.5 = 200 -> 2",
		"106.500001; 0.5; 0; A-aDO2 = 199.999999 -> 0",
		"163; 1.0; 4; A-aDO2 = 713 - 50 - 163 = 500 -> 4",
		"163.000001; 1.0; 3; A-aDO2 = 499.999999 -> 3",
		"313; 1.0; 3; A-aDO2 = 663 - 313 = 350 -> 3",
		"313.000001; 1.0; 2; A-aDO2 = 349.999999 -> 2",
	})
	void oxygenation(double pao2, double fio2, int expected, String why) {
		DayInputs in = day().gas(gas(6, pao2, fio2, 40.0, 7.4, true)).build();
		assertThat(ApacheII.score(in).components().get("oxygenation")).isEqualTo(expected);
	}

	@Test
	void aado2UsesTheSiteAtmosphericPressure() {
		// PaO2 160, PaCO2 40, FiO2 1.0: at 700 mmHg A-aDO2 = 1.0*(700-47) - 40/0.8 - 160 = 653 - 50 - 160 = 443
		// -> 3, whereas at the default 760 mmHg it would be 713 - 50 - 160 = 503 -> 4
		DayInputs in = day().site(SiteSettings.DEFAULTS.withAtmosphericPressureMmHg(700))
				.gas(gas(6, 160.0, 1.0, 40.0, 7.4, true)).build();
		assertThat(ApacheII.score(in).components().get("oxygenation")).isEqualTo(3);
	}

	@Test
	void oxygenationIsTheWorstGasAndSkipsUnscorableGases() {
		// gas 1: PaO2 80 FiO2 0.3 -> 0; gas 2: PaO2 58 FiO2 0.4 -> 3; gas 3: FiO2 0.6 without PaCO2 -> skipped
		DayInputs in = day().gas(gas(2, 80.0, 0.3, 40.0, null, false)).gas(gas(8, 58.0, 0.4, 38.0, null, false))
				.gas(gas(14, 50.0, 0.6, null, null, true)).build();
		ApacheIIResult r = ApacheII.score(in);
		assertThat(r.components().get("oxygenation")).isEqualTo(3);
		assertThat(r.flags()).contains(Flag.GAS_SKIPPED);
	}

	@Test
	void gasWithoutFio2IsSkippedAndOxygenationMissing() {
		ApacheIIResult r = ApacheII.score(day().gas(gas(6, 58.0, null, 40.0, null, false)).build());
		assertThat(r.components().get("oxygenation")).isNull();
		assertThat(r.missing()).contains("oxygenation");
		assertThat(r.flags()).contains(Flag.GAS_SKIPPED);
	}

	@ParameterizedTest(name = "creatinine {0} with ARF -> {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"3.5; 8; 4 doubled", "2; 6; 3 doubled", "1.5; 4; 2 doubled", "1.499999; 0; 0 doubled",
		"0.599999; 4; D10: < 0.6 scores 2, doubled to 4",
	})
	void creatinineDoubledWithAcuteRenalFailure(double creatinine, int expected, String why) {
		DayInputs in = day().add(Analyte.CREATININE, m(creatinine, 3))
				.patient(PatientFacts.NONE.withAcuteRenalFailure(Recorded.of(true, "Observation/arf"))).build();
		ApacheIIResult r = ApacheII.score(in);
		assertThat(r.components().get("creatinine")).isEqualTo(expected);
		assertThat(r.sources()).contains("Observation/arf");
	}

	@Test
	void acuteRenalFailureNotRecordedCountsAsAbsentAndIsFlagged() {
		ApacheIIResult r = ApacheII.score(with(Analyte.CREATININE, 2.5));
		assertThat(r.components().get("creatinine")).isEqualTo(3); // D12: not doubled
		assertThat(r.flags()).contains(Flag.ARF_NOT_RECORDED);
	}

	@ParameterizedTest(name = "GCS {0} -> {1}")
	@CsvSource({"15, 0", "14, 1", "8, 7", "3, 12"})
	void gcsPointsAre15MinusTheLowest(double gcs, int expected) {
		assertThat(ApacheII.score(with(Analyte.GCS, 15, gcs)).components().get("gcs")).isEqualTo(expected);
	}

	@ParameterizedTest(name = "age {0} -> {1}")
	@CsvSource({"44, 0", "45, 2", "54, 2", "55, 3", "64, 3", "65, 5", "74, 5", "75, 6", "90, 6"})
	void agePoints(int age, int expected) {
		ApacheIIResult r = ApacheII.score(day().patient(PatientFacts.NONE.withAgeYears(age)).build());
		assertThat(r.agePoints()).isEqualTo(expected);
		assertThat(r.total()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "chronic health {0}, operative status {1} -> {2}: {3}")
	@CsvSource(delimiter = ';', value = {
		"true; NONOPERATIVE; 5; non-operative",
		"true; EMERGENCY_POSTOPERATIVE; 5; emergency post-operative",
		"true; ELECTIVE_POSTOPERATIVE; 2; elective post-operative",
		"true; ; 5; D11: unknown operative status -> 5, flagged",
		"false; NONOPERATIVE; 0; no chronic health",
	})
	void chronicHealthPoints(boolean chronic, OperativeStatus op, int expected, String why) {
		PatientFacts p = PatientFacts.NONE.withChronicHealth(Recorded.of(chronic, "Observation/ch"))
				.withOperativeStatus(op == null ? null : Recorded.of(op, "Observation/op"));
		ApacheIIResult r = ApacheII.score(day().patient(p).build());
		assertThat(r.chronicPoints()).isEqualTo(expected);
		assertThat(r.flags().contains(Flag.OPERATIVE_STATUS_UNKNOWN)).isEqualTo(op == null);
	}

	@Test
	void twoSidedVariablesKeepTheWorseOfMinimumAndMaximum() {
		// temperature 35.0 (-> 1) and 39.5 (-> 3): 3; heart rate 45 (-> 3) and 150 (-> 3): 3
		DayInputs in = day().add(Analyte.TEMPERATURE, m(35, 2)).add(Analyte.TEMPERATURE, m(39.5, 9))
				.add(Analyte.HEART_RATE, m(45, 2)).add(Analyte.HEART_RATE, m(150, 9)).build();
		ApacheIIResult r = ApacheII.score(in);
		assertThat(r.components().get("temperature")).isEqualTo(3);
		assertThat(r.components().get("heart_rate")).isEqualTo(3);
	}

	@Test
	void emptyDayListsEverythingMissing() {
		ApacheIIResult r = ApacheII.score(day().build());
		assertThat(r.total()).isZero();
		assertThat(r.aps()).isZero();
		assertThat(r.agePoints()).isNull();
		assertThat(r.chronicPoints()).isNull();
		assertThat(r.missing()).containsExactly("temperature", "map", "heart_rate", "resp_rate", "oxygenation",
				"acid_base", "sodium", "potassium", "creatinine", "hematocrit", "wbc", "gcs", "age_points",
				"chronic_points");
	}

	/**
	 * A realistic day, by hand. Temperature 38.7 and 36.2 -> 1 (38.5-39). MAP 62 and 85 -> 2 (50-70).
	 * HR 118 -> 2 (110-140). RR 28 -> 1 (25-35). Oxygenation: gas 6 h PaO2 75, FiO2 0.6, PaCO2 32 ->
	 * A-aDO2 = 0.6*713 - 32/0.8 - 75 = 427.8 - 40 - 75 = 312.8 -> 2; gas 15 h PaO2 68, FiO2 0.35 -> 1; worst 2.
	 * pH 7.31 (6 h) and 7.36 (15 h) -> 2 (7.25-7.33). Na 134 -> 0. K 3.3 -> 1. Creatinine 1.8, no ARF -> 2.
	 * Hct 29 -> 2. WBC 16.5 -> 1. GCS 13 -> 2. APS = 1+2+2+1+2+2+0+1+2+2+1+2 = 18.
	 * Age 72 -> 5. Chronic health (cirrhosis), emergency post-operative -> 5. Total 18 + 5 + 5 = 28.
	 */
	@Test
	void realisticDay() {
		PatientFacts p = PatientFacts.NONE.withAgeYears(72)
				.withAcuteRenalFailure(Recorded.of(false, "Observation/arf"))
				.withChronicHealth(Recorded.of(true, "Observation/ch"))
				.withOperativeStatus(Recorded.of(OperativeStatus.EMERGENCY_POSTOPERATIVE, "Observation/op"));
		DayInputs in = day().patient(p)
				.add(Analyte.TEMPERATURE, m(38.7, 3)).add(Analyte.TEMPERATURE, m(36.2, 20))
				.add(Analyte.MAP, m(62, 4)).add(Analyte.MAP, m(85, 12)).add(Analyte.HEART_RATE, m(118, 4))
				.add(Analyte.RESP_RATE, m(28, 4))
				.gas(gas(6, 75.0, 0.6, 32.0, 7.31, true)).gas(gas(15, 68.0, 0.35, 41.0, 7.36, false))
				.add(Analyte.SODIUM, m(134, 5)).add(Analyte.POTASSIUM, m(3.3, 5))
				.add(Analyte.CREATININE, m(1.8, 5)).add(Analyte.HEMATOCRIT, m(29, 5)).add(Analyte.WBC, m(16.5, 5))
				.add(Analyte.GCS, m(13, 8)).build();
		ApacheIIResult r = ApacheII.score(in);
		assertThat(r.components()).containsExactly(Map.entry("temperature", 1), Map.entry("map", 2),
				Map.entry("heart_rate", 2), Map.entry("resp_rate", 1), Map.entry("oxygenation", 2),
				Map.entry("acid_base", 2), Map.entry("sodium", 0), Map.entry("potassium", 1),
				Map.entry("creatinine", 2), Map.entry("hematocrit", 2), Map.entry("wbc", 1), Map.entry("gcs", 2));
		assertThat(r.aps()).isEqualTo(18);
		assertThat(r.agePoints()).isEqualTo(5);
		assertThat(r.chronicPoints()).isEqualTo(5);
		assertThat(r.total()).isEqualTo(28);
		assertThat(r.missing()).isEmpty();
		assertThat(r.sources()).contains("Observation/arf", "Observation/ch", "Observation/op");
	}
}
