package org.trialfhir.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Conversions UCUM cannot do, with the factors of docs/scores-spec.md §2.1 and §2.3.
 *
 * <p>UCUM cannot convert moles to grams without a molar mass, so creatinine (÷88.4 µmol/L per mg/dL, i.e. molar
 * mass 113.12 g/mol), bilirubin (÷17.1, 584.7 g/mol) and lactate (÷9.008, 90.08 g/mol) are explicit. UCUM 1.0.9
 * also refuses {@code [degF]} → {@code Cel} ("special unit with offset"), so °F is explicit: (F − 32) × 5/9.
 *
 * <p>kPa → mm[Hg] uses the factor docs/scores-spec.md §2.1 prints, 7.50062, not UCUM's (mm[Hg] = 133.322 Pa gives 7.500638), so
 * results match the specification to the sixth decimal. Every variable that accepts kPa is a pressure in mm[Hg]
 * (TrialVariableTest).
 */
final class ExplicitConversions {

	private static final MathContext MC = MathContext.DECIMAL64;
	private static final BigDecimal MG_DL_PER_UMOL_L_CREATININE = new BigDecimal("88.4");
	private static final BigDecimal MG_DL_PER_UMOL_L_BILIRUBIN = new BigDecimal("17.1");
	private static final BigDecimal MG_DL_PER_MMOL_L_LACTATE = new BigDecimal("9.008");
	private static final BigDecimal MMHG_PER_KPA = new BigDecimal("7.50062");

	private static final Map<String, UnaryOperator<BigDecimal>> TABLE = Map.of(
			key(TrialVariable.CREATININE, "umol/L"), v -> v.divide(MG_DL_PER_UMOL_L_CREATININE, MC),
			key(TrialVariable.CREATININE, "mmol/L"),
			v -> v.multiply(BigDecimal.valueOf(1000)).divide(MG_DL_PER_UMOL_L_CREATININE, MC),
			key(TrialVariable.BILIRUBIN, "umol/L"), v -> v.divide(MG_DL_PER_UMOL_L_BILIRUBIN, MC),
			key(TrialVariable.LACTATE, "mg/dL"), v -> v.divide(MG_DL_PER_MMOL_L_LACTATE, MC),
			key(TrialVariable.TEMPERATURE, "[degF]"),
			v -> v.subtract(BigDecimal.valueOf(32)).multiply(BigDecimal.valueOf(5)).divide(BigDecimal.valueOf(9), MC));

	private ExplicitConversions() {
	}

	/** The explicit conversion for this variable and unit, or null when UCUM does it. */
	static UnaryOperator<BigDecimal> find(TrialVariable variable, String unit) {
		if ("kPa".equals(unit)) {
			return v -> v.multiply(MMHG_PER_KPA);
		}
		return TABLE.get(key(variable, unit));
	}

	private static String key(TrialVariable variable, String unit) {
		return variable.name() + " " + unit;
	}
}
