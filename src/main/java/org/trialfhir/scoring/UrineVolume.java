package org.trialfhir.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Urine output over the day (SOFA renal). Used only when the periods cover the whole window without a gap
 * (docs/scores-spec.md §3, D5: no extrapolation). A period that straddles a day boundary contributes the share of its
 * volume that falls in the day, in proportion to time. Periods are assumed not to overlap each other.
 */
final class UrineVolume {

	/** The day's volume and the periods it came from. */
	record Total(double volumeMl, List<UrineOutput> used) {
	}

	private UrineVolume() {
	}

	/** The day's total, or null when the periods do not cover the window. */
	static Total total(List<UrineOutput> outputs, DayWindow day) {
		List<UrineOutput> overlapping = outputs.stream()
				.filter(o -> !day.overlap(o.start(), o.end()).isZero())
				.sorted(Comparator.comparing(UrineOutput::start)).toList();
		Instant coveredTo = day.start();
		for (UrineOutput o : overlapping) {
			if (o.start().isAfter(coveredTo)) {
				return null;
			}
			coveredTo = o.end().isAfter(coveredTo) ? o.end() : coveredTo;
		}
		if (coveredTo.isBefore(day.end())) {
			return null;
		}
		double volume = 0;
		for (UrineOutput o : overlapping) {
			double share = (double) day.overlap(o.start(), o.end()).toMillis()
					/ Duration.between(o.start(), o.end()).toMillis();
			volume += o.volumeMl() * share;
		}
		return new Total(Round.six(volume), overlapping);
	}
}
