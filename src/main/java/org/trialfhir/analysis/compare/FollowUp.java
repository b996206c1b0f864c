package org.trialfhir.analysis.compare;

import java.time.Instant;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.analysis.data.WorstOfDay;
import org.trialfhir.stats.TimeToEvent;

/**
 * A subject's follow-up to the mortality day D (docs/api.md §3): died by day D = death time &lt; T0 + 24·D h; a subject
 * alive then with ResearchSubject.period.end before it is censored at period.end; everyone else is censored at D.
 * A death recorded before T0 + 24·D h counts even when period.end came first: the vital status is known.
 *
 * <p>Times are days from T0 as {@code millis / 86,400,000}: two equal follow-ups (whatever their T0) give the same
 * double, which the survival code compares exactly (docs/statistics.md "Event times").
 *
 * @param days  time from T0 to death or censoring, in days (0 when the recorded time is before T0)
 * @param died  died by day D
 * @param beforeT0 the death or period end is recorded before T0 (a data error, counted at time 0)
 */
record FollowUp(double days, boolean died, boolean beforeT0) {

	static FollowUp of(Subject subject, int mortalityDay) {
		Instant horizon = subject.t0().plusMillis(mortalityDay * WorstOfDay.DAY_MILLIS);
		if (subject.death() != null && subject.death().isBefore(horizon)) {
			return at(subject.t0(), subject.death(), true);
		}
		if (subject.periodEnd() != null && subject.periodEnd().isBefore(horizon)) {
			return at(subject.t0(), subject.periodEnd(), false);
		}
		return at(subject.t0(), horizon, false);
	}

	private static FollowUp at(Instant t0, Instant end, boolean died) {
		long millis = end.toEpochMilli() - t0.toEpochMilli();
		return new FollowUp(Math.max(0, millis) / (double) WorstOfDay.DAY_MILLIS, died, millis < 0);
	}

	TimeToEvent toEvent() {
		return new TimeToEvent(days, died);
	}
}
