package org.trialfhir.scoring;

/**
 * Two ascending cut values, e.g. ISTH fibrin marker (moderate, strong) or the D-dimer values equivalent to FDP
 * 10 and 25 µg/mL. A value ≥ {@code lower} reaches the first step, ≥ {@code upper} the second.
 */
public record Thresholds(double lower, double upper) {

	public Thresholds {
		if (!(lower > 0 && upper > lower)) {
			throw new IllegalArgumentException("thresholds must satisfy 0 < lower < upper: " + lower + ", " + upper);
		}
	}
}
