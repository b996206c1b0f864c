package org.trialfhir.derive;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which study days a derivation scores, and whether derived Observations of days in its scope that no longer have
 * any data are removed.
 *
 * @param explicit the days asked for ({@code day} parameters), scored even without data; null when not explicit
 * @param from     first day of the scope (≥ 1)
 * @param to       last day of the scope, null = open-ended
 */
record DaySelection(SortedSet<Integer> explicit, int from, Integer to) {

	/** The {@code day} parameters of {@code $derive-scores}: exactly these days, nothing removed. */
	static DaySelection days(SortedSet<Integer> days) {
		return new DaySelection(new TreeSet<>(days), 1, null);
	}

	/** Default of {@code $derive-scores}: every day from 1 that has data. */
	static DaySelection everyDayWithData() {
		return new DaySelection(null, 1, null);
	}

	/** The days an input change can affect. */
	static DaySelection range(int from, Integer to) {
		return new DaySelection(null, Math.max(1, from), to);
	}

	/** The days to score, given the days that have data. */
	SortedSet<Integer> toScore(SortedSet<Integer> dataDays) {
		if (explicit != null) {
			return explicit;
		}
		SortedSet<Integer> days = new TreeSet<>();
		dataDays.stream().filter(this::inScope).forEach(days::add);
		return days;
	}

	/** A stored derived Observation of this day, without data now, is to be removed. */
	boolean removesWhenEmpty(int day) {
		return explicit == null && inScope(day);
	}

	private boolean inScope(int day) {
		return day >= from && (to == null || day <= to);
	}
}
