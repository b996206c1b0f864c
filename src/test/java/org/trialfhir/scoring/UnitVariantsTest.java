package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.hour;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trialfhir.units.Conversion;
import org.trialfhir.units.TrialVariable;
import org.trialfhir.units.UnitConverter;

/** Values as hospitals send them, through UnitConverter into the scores; expected points by hand. */
class UnitVariantsTest {

	private static Measurement converted(TrialVariable v, String value, String unit) {
		Conversion c = UnitConverter.standard().convert(v, new BigDecimal(value), unit);
		assertThat(c).isInstanceOf(Conversion.Converted.class);
		return Measurement.of("Observation/" + v.id(), hour(3), ((Conversion.Converted) c).value());
	}

	private static DayInputs one(TrialVariable v, String value, String unit) {
		return day().add(Analyte.valueOf(v.name()), converted(v, value, unit)).build();
	}

	@ParameterizedTest(name = "{0} x10^4/uL: SOFA {1}, JAAM {2}, JMHW {3}, ISTH {4}")
	@CsvSource({
		"12.0, 1, 0, 1, 0", // 120 x10^9/L: SOFA 100-150 -> 1; JAAM >= 120 -> 0; JMHW <= 120 -> 1; ISTH >= 100 -> 0
		"7.9, 2, 3, 2, 1",  // 79: SOFA 50-100 -> 2; JAAM < 80 -> 3; JMHW 50 < x <= 80 -> 2; ISTH 50-100 -> 1
	})
	void japanesePlateletUnit(String value, int sofa, int jaam, int jmhw, int isth) {
		DayInputs in = one(TrialVariable.PLATELETS, value, "10*4/uL");
		assertThat(Sofa.score(in).components().get("coagulation")).isEqualTo(sofa);
		assertThat(JaamDic.score(in).components().get("platelets")).isEqualTo(jaam);
		assertThat(JmhwDic.score(in).components().get("platelets")).isEqualTo(jmhw);
		assertThat(IsthDic.score(in).components().get("platelets")).isEqualTo(isth);
	}

	@ParameterizedTest(name = "creatinine {0} umol/L -> SOFA {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"442; 4; 442/88.4 = 5.0 -> 4",
		"107; 1; D2: 107/88.4 = 1.210407 >= 1.2 -> 1 (the printed SI column '< 110' would say 0)",
		"106; 0; 106/88.4 = 1.199095 < 1.2 -> 0",
	})
	void creatinineInMicromoles(String value, int expected, String why) {
		assertThat(Sofa.score(one(TrialVariable.CREATININE, value, "umol/L")).components().get("renal"))
				.isEqualTo(expected);
	}

	@ParameterizedTest(name = "bilirubin {0} umol/L -> SOFA {1}: {2}")
	@CsvSource(delimiter = ';', value = {
		"205.2; 4; 205.2/17.1 = 12.0 -> 4",
		"20.4; 0; D2: 20.4/17.1 = 1.192982 < 1.2 -> 0 (the printed SI column 20-32 would say 1)",
	})
	void bilirubinInMicromoles(String value, int expected, String why) {
		assertThat(Sofa.score(one(TrialVariable.BILIRUBIN, value, "umol/L")).components().get("liver"))
				.isEqualTo(expected);
	}

	@Test
	void fahrenheit() {
		// 101.3 F = 38.5 C -> APACHE 1; 100.4 F = 38.0 C -> SIRS not met; 100.5 F = 38.055556 C -> met
		assertThat(ApacheII.score(one(TrialVariable.TEMPERATURE, "101.3", "[degF]")).components().get("temperature"))
				.isEqualTo(1);
		assertThat(Sirs.score(one(TrialVariable.TEMPERATURE, "100.4", "[degF]")).criteria().get("temperature"))
				.isZero();
		assertThat(Sirs.score(one(TrialVariable.TEMPERATURE, "100.5", "[degF]")).criteria().get("temperature"))
				.isEqualTo(1);
	}

	@Test
	void kilopascal() {
		// MAP 9.3 kPa = 9.3 x 7.50062 = 69.755766 mmHg: SOFA < 70 -> 1, APACHE 50-70 -> 2
		DayInputs map = one(TrialVariable.MAP, "9.3", "kPa");
		assertThat(Sofa.score(map).components().get("cardiovascular")).isEqualTo(1);
		assertThat(ApacheII.score(map).components().get("map")).isEqualTo(2);
		// PaO2 8 kPa = 8 x 7.50062 = 60.00496 mmHg at FiO2 40 % (0.4): APACHE 55 <= PaO2 < 61 -> 3
		Measurement pao2 = converted(TrialVariable.PAO2, "8", "kPa");
		Measurement fio2 = converted(TrialVariable.FIO2, "40", "%");
		DayInputs gas = day().gas(new ArterialGas(hour(3), pao2, null, null, fio2, null, false)).build();
		assertThat(ApacheII.score(gas).components().get("oxygenation")).isEqualTo(3);
	}

	@Test
	void fio2InPercent() {
		// PaO2 80 / (40 % = 0.4) = 200, on support -> SOFA 2
		DayInputs in = day().gas(new ArterialGas(hour(3), converted(TrialVariable.PAO2, "80", "mm[Hg]"), null, null,
				converted(TrialVariable.FIO2, "40", "%"), null, true)).build();
		assertThat(Sofa.score(in).components().get("respiration")).isEqualTo(2);
	}

	@Test
	void fibrinogenInGramsPerLitre() {
		// 1.0 g/L = 100 mg/dL: ISTH >= 100 -> 0; JMHW <= 100 -> 2. 1.5 g/L = 150 mg/dL: JMHW 100 < x <= 150 -> 1
		DayInputs oneGram = one(TrialVariable.FIBRINOGEN, "1.0", "g/L");
		assertThat(IsthDic.score(oneGram).components().get("fibrinogen")).isZero();
		assertThat(JmhwDic.score(oneGram).components().get("fibrinogen")).isEqualTo(2);
		assertThat(JmhwDic.score(one(TrialVariable.FIBRINOGEN, "1.5", "g/L")).components().get("fibrinogen"))
				.isEqualTo(1);
	}

	@Test
	void hematocritAsFraction() {
		// 0.45 L/L = 45 % -> APACHE 0; 0.46 L/L = 46 % -> 1
		assertThat(ApacheII.score(one(TrialVariable.HEMATOCRIT, "0.45", "L/L")).components().get("hematocrit"))
				.isZero();
		assertThat(ApacheII.score(one(TrialVariable.HEMATOCRIT, "0.46", "L/L")).components().get("hematocrit"))
				.isEqualTo(1);
	}

	@Test
	void fdpInNanograms() {
		// 25000 ng/mL = 25 ug/mL -> JAAM 3
		assertThat(JaamDic.score(one(TrialVariable.FDP, "25000", "ng/mL")).components().get("fdp")).isEqualTo(3);
	}

	@Test
	void vasopressorRatesInGammaAndMassRate() {
		// dopamine 5 γ = 5 ug/kg/min -> 2; norepinephrine 0.3 mg/h at 50 kg = 5 ug/min / 50 = 0.1 -> 3
		double dopamine = rate("5", UnitConverter.GAMMA, null);
		double norepinephrine = rate("0.3", "mg/h", "50");
		assertThat(cv(Vasopressor.DOPAMINE, dopamine)).isEqualTo(2);
		assertThat(cv(Vasopressor.NOREPINEPHRINE, norepinephrine)).isEqualTo(3);
	}

	private static double rate(String value, String unit, String weight) {
		Conversion c = UnitConverter.standard().convertVasopressorRate(new BigDecimal(value), unit,
				weight == null ? null : new BigDecimal(weight));
		return ((Conversion.Converted) c).value();
	}

	private static Integer cv(Vasopressor agent, double rate) {
		DayInputs in = day().vasopressor(new VasopressorInfusion(agent, rate, hour(1), hour(5), "MA/1")).build();
		return Sofa.score(in).components().get("cardiovascular");
	}
}
