package org.trialfhir.stats;

/**
 * One subject's follow-up: time from T0 (e.g. in days) to death ({@code event = true}) or to
 * censoring ({@code event = false}) — R's {@code Surv(time, event)}.
 */
public record TimeToEvent(double time, boolean event) {

	public TimeToEvent {
		if (!Double.isFinite(time) || time < 0) {
			throw new IllegalArgumentException("follow-up time must be finite and ≥ 0: " + time);
		}
	}

	static TimeToEvent death(double time) {
		return new TimeToEvent(time, true);
	}

	static TimeToEvent censored(double time) {
		return new TimeToEvent(time, false);
	}
}
