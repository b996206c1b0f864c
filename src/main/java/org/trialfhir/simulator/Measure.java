package org.trialfhir.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How one site writes one variable: the code, the UCUM unit, and the conversion from the canonical unit of
 * docs/scores-spec.md §2 (site value = canonical × factor + offset, rounded to {@code scale} decimals as a lab would).
 */
record Measure(String system, String code, String display, String unit, double factor, double offset, int scale) {

	static final String LOINC = "http://loinc.org";
	static final String TRIAL_LAB = "http://trialfhir.org/fhir/CodeSystem/trial-lab";

	static Measure loinc(String code, String display, String unit, double factor, int scale) {
		return new Measure(LOINC, code, display, unit, factor, 0, scale);
	}

	static Measure trialLab(String code, String display, String unit, int scale) {
		return new Measure(TRIAL_LAB, code, display, unit, 1, 0, scale);
	}

	Measure withUnit(String newUnit, double newFactor) {
		return new Measure(system, code, display, newUnit, newFactor, offset, scale);
	}

	Measure withScale(int newScale) {
		return new Measure(system, code, display, unit, factor, offset, newScale);
	}

	Measure withOffset(double newOffset) {
		return new Measure(system, code, display, unit, factor, newOffset, scale);
	}

	/** The reported value; BigDecimal.valueOf keeps the decimal text stable and free of binary noise. */
	BigDecimal reported(double canonical) {
		return BigDecimal.valueOf(canonical * factor + offset).setScale(scale, RoundingMode.HALF_UP);
	}
}
