package org.trialfhir.scoring;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/** Worst-value helpers (docs/scores-spec.md §1.4): the worst value is the one that gives the most points. */
final class Worst {

	private Worst() {
	}

	static Measurement min(List<Measurement> ms) {
		return ms.stream().min(Comparator.comparingDouble(Measurement::value)).orElseThrow();
	}

	static Measurement max(List<Measurement> ms) {
		return ms.stream().max(Comparator.comparingDouble(Measurement::value)).orElseThrow();
	}

	/** Highest points over all values: for V-shaped APACHE tables this equals scoring both min and max. */
	static Integer points(List<Measurement> ms, Bands bands) {
		OptionalInt worst = ms.stream().mapToInt(m -> bands.score(m.value())).max();
		return worst.isPresent() ? worst.getAsInt() : null;
	}

	/** Points of the day's lowest value (one-sided, low is worse); null without values. */
	static Integer lowestPoints(DayInputs in, Analyte analyte, Bands bands, Tally t) {
		List<Measurement> ms = in.inDay(analyte);
		t.use(ms);
		return ms.isEmpty() ? null : bands.score(Worst.min(ms).value());
	}

	/** Points of the day's highest value (one-sided, high is worse); null without values. */
	static Integer highestPoints(DayInputs in, Analyte analyte, Bands bands, Tally t) {
		List<Measurement> ms = in.inDay(analyte);
		t.use(ms);
		return ms.isEmpty() ? null : bands.score(Worst.max(ms).value());
	}
}
