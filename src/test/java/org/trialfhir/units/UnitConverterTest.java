package org.trialfhir.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every expected value below is worked out by hand from the factor in docs/scores-spec.md §2 (or UCUM's definition). */
class UnitConverterTest {

	private final UnitConverter converter = UnitConverter.standard();

	@ParameterizedTest(name = "{0} {1} {2} -> {3} ({4})")
	@CsvSource(delimiter = ';', value = {
		"PLATELETS; 12.0; 10*4/uL; 120; Japanese x10^4/uL: 12.0 x 10^4/uL = 12 x 10^10/L = 120 x 10^9/L",
		"PLATELETS; 7.9; 10*4/uL; 79; 7.9 x 10^10/L = 79 x 10^9/L",
		"PLATELETS; 150; 10*3/uL; 150; 10^3/uL = 10^9/L",
		"PLATELETS; 150; 10*3/mm3; 150; mm3 = uL",
		"PLATELETS; 120000; /uL; 120; 1.2 x 10^5/uL = 1.2 x 10^11/L",
		"PLATELETS; 120000; /mm3; 120; as /uL",
		"PLATELETS; 99; 10*9/L; 99; canonical unit unchanged",
		"WBC; 4500; /uL; 4.5; 4.5 x 10^9/L",
		"CREATININE; 88.4; umol/L; 1; 88.4 umol/L per mg/dL",
		"CREATININE; 176.8; umol/L; 2; 2 x 88.4",
		"CREATININE; 100; umol/L; 1.131222; 100/88.4 = 1.1312217.. rounded to 6 decimals",
		"CREATININE; 0.1768; mmol/L; 2; 0.1768 mmol/L = 176.8 umol/L",
		"BILIRUBIN; 17.1; umol/L; 1; 17.1 umol/L per mg/dL",
		"BILIRUBIN; 205.2; umol/L; 12; 12 x 17.1 = 205.2",
		"BILIRUBIN; 100; umol/L; 5.847953; 100/17.1 = 5.8479532..",
		"TEMPERATURE; 100.4; [degF]; 38; (100.4-32) x 5/9 = 68.4 x 5/9 = 38 exactly (no 38.000000000000001)",
		"TEMPERATURE; 96.8; [degF]; 36; (96.8-32) x 5/9 = 64.8 x 5/9 = 36",
		"TEMPERATURE; 101.3; [degF]; 38.5; 69.3 x 5/9 = 38.5",
		"TEMPERATURE; 37.2; Cel; 37.2; canonical",
		"HEART_RATE; 80; {beats}/min; 80; annotation is dimensionless",
		"RESP_RATE; 22; {breaths}/min; 22; annotation is dimensionless",
		"MAP; 10; kPa; 75.0062; docs/scores-spec.md §2 factor 7.50062 (not UCUM's 7.500638): 10 x 7.50062",
		"PAO2; 8; kPa; 60.00496; 8 x 7.50062 = 60.00496",
		"SBP; 16; kPa; 120.00992; 16 x 7.50062 = 120.00992",
		"DBP; 10.5; kPa; 78.75651; 10.5 x 7.50062 = 75.0062 + 3.75031 = 78.75651",
		"PACO2; 4.3; kPa; 32.252666; 4.3 x 7.50062 = 30.002480 + 2.250186 = 32.252666",
		"FIO2; 40; %; 0.4; percent to fraction",
		"FIO2; 21; %; 0.21; room air",
		"FIO2; 0.5; 1; 0.5; fraction is canonical",
		"HEMATOCRIT; 0.45; L/L; 45; volume fraction x 100",
		"HEMATOCRIT; 0.45; 1; 45; volume fraction x 100",
		"SODIUM; 140; meq/L; 140; monovalent ion: 1 meq = 1 mmol",
		"POTASSIUM; 4.2; meq/L; 4.2; monovalent ion",
		"HCO3; 24; meq/L; 24; monovalent ion",
		"FIBRINOGEN; 2.5; g/L; 250; 1 g/L = 100 mg/dL",
		"FIBRINOGEN; 1.0; g/L; 100; ISTH cut-point 1.0 g/L",
		"FIBRINOGEN; 1500; mg/L; 150; 1 mg/L = 0.1 mg/dL",
		"FDP; 2500; ng/mL; 2.5; 1000 ng/mL = 1 ug/mL",
		"FDP; 10; mg/L; 10; mg/L = ug/mL",
		"FDP; 10000; ug/L; 10; 1000 ug/L = 1 ug/mL",
		"D_DIMER; 5.4; ug/mL{FEU}; 5.4; annotation kept out of the value",
		"D_DIMER; 540; ng/mL{DDU}; 0.54; 1000 ng/mL = 1 ug/mL",
		"URINE_OUTPUT; 1.5; L; 1500; 1 L = 1000 mL",
		"INR; 1.3; 1; 1.3; dimensionless INR",
		"PT_RATIO; 1.25; {ratio}; 1.25; annotation is dimensionless",
		"GCS; 12; 1; 12; dimensionless score",
		"LACTATE; 18; mg/dL; 1.998224; 18/9.008 = 1.9982238..",
		"LACTATE; 9.008; mg/dL; 1; 9.008 mg/dL per mmol/L",
	})
	void convertsAcceptedUnits(TrialVariable variable, String value, String unit, double expected, String why) {
		Conversion c = converter.convert(variable, new BigDecimal(value), unit);
		assertThat(c).isEqualTo(new Conversion.Converted(expected, variable.canonicalUnit()));
	}

	@Test
	void everyAcceptedUnitOfEveryVariableConverts() {
		for (TrialVariable v : TrialVariable.values()) {
			for (String unit : v.acceptedUnits()) {
				assertThat(converter.convert(v, BigDecimal.ONE, unit).accepted()).as(v + " " + unit).isTrue();
			}
		}
	}

	@Test
	void rejectsUnitNotOnTheListAndSaysWhatToSend() {
		Conversion c = converter.convert(TrialVariable.PLATELETS, BigDecimal.TEN, "mg");
		assertThat(c).isInstanceOf(Conversion.Rejected.class);
		assertThat(((Conversion.Rejected) c).reason())
				.contains("'mg'", "platelets (LOINC 777-3)", "10*9/L, 10*3/uL, 10*3/mm3, 10*4/uL, /uL, /mm3");
	}

	@Test
	void rejectsUcumSynonymNotOnTheListNeverGuessing() {
		// UCUM itself parses 10^3/uL, but only the listed codes are accepted
		assertThat(converter.convert(TrialVariable.PLATELETS, BigDecimal.TEN, "10^3/uL").accepted()).isFalse();
		assertThat(converter.convert(TrialVariable.PLATELETS, BigDecimal.TEN, null).accepted()).isFalse();
	}

	@Test
	void rejectsPtRatioInPercentAsAmbiguousQuickActivity() {
		Conversion c = converter.convert(TrialVariable.PT_RATIO, new BigDecimal("120"), "%");
		assertThat(((Conversion.Rejected) c).reason()).contains("5894-1", "Quick", "'1'");
	}

	@Test
	void rejectsNegativeValues() {
		assertThat(converter.convert(TrialVariable.PLATELETS, new BigDecimal("-5"), "10*9/L").accepted()).isFalse();
	}

	@Test
	void convertsByLoincCode() {
		assertThat(converter.convert(TrialVariable.LOINC, "777-3", new BigDecimal("12.0"), "10*4/uL"))
				.isEqualTo(new Conversion.Converted(120, "10*9/L"));
		assertThat(converter.convert(TrialVariable.TRIAL_LAB, "hmgb1", new BigDecimal("3"), "ng/mL").accepted())
				.isTrue();
		assertThat(converter.convert(TrialVariable.LOINC, "1234-5", BigDecimal.ONE, "1").accepted()).isFalse();
	}

	@Test
	void rejectsDdimerAnnotationThatContradictsTheLoincBasis() {
		// 48065-7 is D-dimer FEU; a {DDU} unit on it mixes bases (FEU ~ 2 x DDU)
		assertThat(converter.convert(TrialVariable.LOINC, "48065-7", BigDecimal.ONE, "ug/mL{DDU}").accepted())
				.isFalse();
		assertThat(converter.convert(TrialVariable.LOINC, "48066-5", BigDecimal.ONE, "ug/mL{FEU}").accepted())
				.isFalse();
		assertThat(converter.convert(TrialVariable.LOINC, "48065-7", BigDecimal.ONE, "ug/mL{FEU}").accepted())
				.isTrue();
	}

	@ParameterizedTest(name = "{0} {1} (weight {2}) -> {3}: {4}")
	@CsvSource(delimiter = ';', value = {
		"0.1; γ; ; 0.1; gamma is ug/kg/min",
		"5; ug/kg/min; ; 5; canonical",
		"0.3; mg/h; 50; 0.1; 300 ug/h = 5 ug/min, / 50 kg",
		"20; ug/min; 80; 0.25; 20 / 80",
		"1; mg/h; 60; 0.277778; 1000/60 = 16.666.. ug/min, / 60 kg = 0.2777..",
		"0.6; mg/h; 50; 0.2; 600 ug/h = 10 ug/min, / 50 kg (UCUM's Decimal alone gave 1.0 ug/min)",
		"0.5; mg/h; 50; 0.166667; 500/60 = 8.3333.. ug/min, / 50 kg = 0.16666.. (UCUM alone: 8 ug/min)",
		"0.06; mg/h; 1; 1; 60 ug/h = 1 ug/min (UCUM alone: 0.1)",
	})
	void convertsVasopressorRates(String value, String unit, String weight, double expected, String why) {
		BigDecimal w = weight == null ? null : new BigDecimal(weight);
		assertThat(converter.convertVasopressorRate(new BigDecimal(value), unit, w))
				.isEqualTo(new Conversion.Converted(expected, "ug/kg/min"));
	}

	@Test
	void rejectsVasopressorMassRateWithoutWeightAndUnknownUnits() {
		assertThat(converter.convertVasopressorRate(BigDecimal.ONE, "mg/h", null).accepted()).isFalse();
		assertThat(converter.convertVasopressorRate(BigDecimal.ONE, "mcg/kg/min", null).accepted()).isFalse();
		assertThat(converter.convertVasopressorRate(BigDecimal.ONE, "ug/kg/h", null).accepted()).isFalse();
	}
}
