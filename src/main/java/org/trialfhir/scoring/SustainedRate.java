package org.trialfhir.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The highest catecholamine rate given for at least 1 h (Vincent 1996, "administered for at least 1 h"; Sepsis-3
 * Table 1). A rate r counts when the agent ran at ≥ r without a break for ≥ 1 h, in a stretch that overlaps the
 * day; the stretch may begin on the previous day. Touching periods (a titration) join into one stretch.
 */
final class SustainedRate {

	static final Duration MINIMUM = Duration.ofHours(1);

	private SustainedRate() {
	}

	/** Highest qualifying rate in µg/kg/min; 0 when none qualifies. */
	static double highest(List<VasopressorInfusion> periods, DayWindow day) {
		List<Double> rates = periods.stream().map(VasopressorInfusion::rateUgPerKgMin).filter(r -> r > 0)
				.distinct().sorted(Comparator.reverseOrder()).toList();
		for (double rate : rates) {
			if (sustained(periods, rate, day)) {
				return rate;
			}
		}
		return 0;
	}

	private static boolean sustained(List<VasopressorInfusion> periods, double rate, DayWindow day) {
		List<Instant[]> spans = new ArrayList<>();
		for (VasopressorInfusion p : periods) {
			if (p.rateUgPerKgMin() >= rate) {
				Instant end = p.end() == null ? later(p.start(), day.end()) : p.end();
				spans.add(new Instant[] {p.start(), end});
			}
		}
		spans.sort(Comparator.comparing(s -> s[0]));
		Instant start = null;
		Instant end = null;
		for (Instant[] s : spans) {
			if (start != null && !s[0].isAfter(end)) {
				end = later(end, s[1]);
				continue;
			}
			if (start != null && qualifies(start, end, day)) {
				return true;
			}
			start = s[0];
			end = s[1];
		}
		return start != null && qualifies(start, end, day);
	}

	private static boolean qualifies(Instant start, Instant end, DayWindow day) {
		return Duration.between(start, end).compareTo(MINIMUM) >= 0 && !day.overlap(start, end).isZero();
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}
}
