package org.trialfhir.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rounds converted and derived values to 6 decimals before any comparison (docs/scores-spec.md §1.3). */
final class Round {

	private Round() {
	}

	static double six(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw new IllegalArgumentException("not a finite value: " + value);
		}
		return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).doubleValue();
	}
}
