package org.trialfhir.analysis.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * One value per study day from a subject's measurements (docs/scores-spec.md §1.1 windows, §1.4 worst value). Day N is
 * {@code [T0 + 24(N−1) h, T0 + 24N h)}: a value at exactly T0 + 24 h belongs to day 2, one before T0 to day 0 or less.
 */
public final class WorstOfDay {

	public static final long DAY_MILLIS = 86_400_000L;

	private WorstOfDay() {
	}

	static int studyDay(Instant t0, Instant time) {
		return (int) Math.floorDiv(time.toEpochMilli() - t0.toEpochMilli(), DAY_MILLIS) + 1;
	}

	/**
	 * The day's value under {@code rule} for every day that has a value. {@code apachePoints} scores a value for
	 * {@link DayRule#APACHE_WORST} (unused otherwise). Values of the same time keep their given order (the later
	 * one is "last").
	 */
	static Map<Integer, Double> byDay(Instant t0, List<Timed> values, DayRule rule, ToIntFunction<Double> apachePoints) {
		List<Timed> sorted = new ArrayList<>(values);
		sorted.sort(Comparator.comparing(Timed::time));
		Map<Integer, List<Timed>> days = new TreeMap<>();
		for (Timed value : sorted) {
			days.computeIfAbsent(studyDay(t0, value.time()), d -> new ArrayList<>()).add(value);
		}
		Map<Integer, Double> result = new TreeMap<>();
		days.forEach((day, inDay) -> result.put(day, choose(inDay, rule, apachePoints)));
		return result;
	}

	private static double choose(List<Timed> inDay, DayRule rule, ToIntFunction<Double> apachePoints) {
		return switch (rule) {
			case LOWEST -> inDay.stream().mapToDouble(Timed::value).min().orElseThrow();
			case HIGHEST -> inDay.stream().mapToDouble(Timed::value).max().orElseThrow();
			case DAY_TOTAL -> inDay.stream().mapToDouble(Timed::value).sum();
			case LAST -> inDay.get(inDay.size() - 1).value();
			case APACHE_WORST -> apacheWorst(inDay, apachePoints);
		};
	}

	/** §1.4: score the minimum and the maximum, keep the one with more points; on a tie the later of the two. */
	private static double apacheWorst(List<Timed> inDay, ToIntFunction<Double> apachePoints) {
		Timed min = inDay.get(0);
		Timed max = inDay.get(0);
		for (Timed value : inDay) {
			if (value.value() < min.value()) {
				min = value;
			}
			if (value.value() > max.value()) {
				max = value;
			}
		}
		int minPoints = apachePoints.applyAsInt(min.value());
		int maxPoints = apachePoints.applyAsInt(max.value());
		if (minPoints != maxPoints) {
			return minPoints > maxPoints ? min.value() : max.value();
		}
		return min.time().isAfter(max.time()) ? min.value() : max.value();
	}
}
