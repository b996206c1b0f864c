package org.trialfhir.studyday;

import java.time.Duration;
import java.time.Instant;

/**
 * Study day of a moment, docs/api.md §3: day N = [T0 + 24(N−1) h, T0 + 24N h), T0 =
 * ResearchSubject.period.start. The same formula continues before T0: the 24 h before randomization are day 0.
 */
public final class StudyDays {

	/** The last study day an operation may ask for: a year of follow-up, far beyond the trial's 28 days. */
	public static final int LAST_DAY = 366;

	private static final long DAY_MILLIS = Duration.ofHours(24).toMillis();

	private StudyDays() {}

	public static int dayOf(Instant t0, Instant at) {
		return Math.toIntExact(Math.floorDiv(Duration.between(t0, at).toMillis(), DAY_MILLIS) + 1);
	}
}
