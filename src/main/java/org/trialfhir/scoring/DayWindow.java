package org.trialfhir.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The scoring day, half-open {@code [start, end)} (docs/scores-spec.md §1.1): an instant at {@code end} is the next day. */
public record DayWindow(Instant start, Instant end) {

	public DayWindow {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("day window must end after it starts");
		}
	}

	/** Study day {@code day} (1-based) after anchor T0: {@code [T0 + 24(day−1) h, T0 + 24·day h)}. */
	public static DayWindow studyDay(Instant t0, int day) {
		if (day < 1) {
			throw new IllegalArgumentException("study days start at 1");
		}
		Instant start = t0.plus(Duration.ofHours(24L * (day - 1)));
		return new DayWindow(start, start.plus(Duration.ofHours(24)));
	}

	public boolean contains(Instant t) {
		return !t.isBefore(start) && t.isBefore(end);
	}

	/** Length of the overlap of {@code [from, to)} with this window; zero when none. */
	Duration overlap(Instant from, Instant to) {
		Instant s = from.isAfter(start) ? from : start;
		Instant e = to.isBefore(end) ? to : end;
		return e.isAfter(s) ? Duration.between(s, e) : Duration.ZERO;
	}
}
