package org.trialfhir.stats;

import java.util.List;

/**
 * Log-rank comparison of two arms, as R's {@code survdiff(Surv(time, event) ~ arm)}.
 *
 * @param observed1 deaths in arm 1
 * @param expected1 deaths expected in arm 1 under equal hazards
 * @param observed2 deaths in arm 2
 * @param expected2 deaths expected in arm 2
 * @param chiSquare (O₁ − E₁)²/V on 1 degree of freedom; null when not estimable
 * @param p P(χ²₁ ≥ chiSquare); null when not estimable
 * @param notes why a value is missing
 */
public record LogRankResult(int observed1, double expected1, int observed2, double expected2, Double chiSquare,
		Double p, List<String> notes) {

	public LogRankResult {
		notes = List.copyOf(notes);
	}
}
