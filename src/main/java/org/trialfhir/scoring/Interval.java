package org.trialfhir.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A half-open time span {@code [start, end)} with the ids of the records it came from. */
record Interval(Instant start, Instant end, Set<String> sources) {

	Interval(Instant start, Instant end, String source) {
		this(start, end, source == null ? Set.of() : Set.of(source));
	}

	boolean contains(Instant t) {
		return !t.isBefore(start) && t.isBefore(end);
	}

	boolean overlaps(DayWindow window) {
		return start.isBefore(window.end()) && end.isAfter(window.start());
	}

	Duration length() {
		return Duration.between(start, end);
	}

	/** Overlapping or touching intervals joined. */
	static List<Interval> merged(List<Interval> intervals) {
		return merged(intervals, Duration.ZERO);
	}

	/** Intervals joined when the next starts no later than {@code gap} after the previous ends. */
	static List<Interval> merged(List<Interval> intervals, Duration gap) {
		List<Interval> sorted = new ArrayList<>(intervals);
		sorted.sort(Comparator.comparing(Interval::start));
		List<Interval> result = new ArrayList<>();
		Instant start = null;
		Instant end = null;
		Set<String> sources = new TreeSet<>();
		for (Interval i : sorted) {
			if (start != null && !i.start().isAfter(end.plus(gap))) {
				end = i.end().isAfter(end) ? i.end() : end;
				sources.addAll(i.sources());
				continue;
			}
			if (start != null) {
				result.add(new Interval(start, end, Set.copyOf(sources)));
			}
			start = i.start();
			end = i.end();
			sources = new TreeSet<>(i.sources());
		}
		if (start != null) {
			result.add(new Interval(start, end, Set.copyOf(sources)));
		}
		return result;
	}
}
