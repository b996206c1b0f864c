package org.trialfhir.scoring;

import java.time.Duration;
import java.util.List;

/**
 * The JAAM 24-hour platelet fall (docs/scores-spec.md §6, D13, D14): fall % = (P_earlier − P_later) / P_earlier × 100 over
 * every pair whose later count lies in the day and whose earlier count lies 0 &lt; Δt ≤ 24 h before it (the
 * earlier count may be on the previous day). The largest fall wins.
 */
final class PlateletFall {

	static final Duration LOOK_BACK = Duration.ofHours(24);

	private PlateletFall() {
	}

	/** Largest fall in % (negative for a rise), or null when no pair exists. Earlier counts used go to the tally. */
	static Double largest(DayInputs in, Tally t) {
		List<Measurement> all = in.all(Analyte.PLATELETS);
		Double largest = null;
		for (Measurement later : in.inDay(Analyte.PLATELETS)) {
			for (Measurement earlier : all) {
				Duration dt = Duration.between(earlier.time(), later.time());
				if (dt.isNegative() || dt.isZero() || dt.compareTo(LOOK_BACK) > 0 || earlier.value() <= 0) {
					continue;
				}
				t.use(earlier);
				double fall = Round.six((earlier.value() - later.value()) / earlier.value() * 100);
				largest = largest == null ? fall : Math.max(largest, fall);
			}
		}
		return largest;
	}
}
