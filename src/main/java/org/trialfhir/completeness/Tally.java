package org.trialfhir.completeness;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Expected and received counts of a group of expected-item rows (one day, one variable, one subject-day): expected =
 * due and applicable = received + missing; not-yet-due and not-applicable items are not expected (yet).
 */
record Tally(int expected, int received) {

	/** Percent received of expected, one decimal; null when nothing was expected. */
	BigDecimal percent() {
		return expected == 0 ? null
				: BigDecimal.valueOf(received * 100L).divide(BigDecimal.valueOf(expected), 1, RoundingMode.HALF_UP);
	}

	static <K extends Comparable<K>> Map<K, Tally> by(List<CompletenessRow> rows, Function<CompletenessRow, K> key) {
		Map<K, Tally> tallies = new TreeMap<>();
		for (CompletenessRow row : rows) {
			if (row.status() == ItemStatus.RECEIVED || row.status() == ItemStatus.MISSING) {
				int received = row.status() == ItemStatus.RECEIVED ? 1 : 0;
				tallies.merge(key.apply(row), new Tally(1, received),
						(a, b) -> new Tally(a.expected() + b.expected(), a.received() + b.received()));
			}
		}
		return tallies;
	}
}
