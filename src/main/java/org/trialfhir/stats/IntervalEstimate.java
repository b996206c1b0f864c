package org.trialfhir.stats;

import java.util.List;

/**
 * An estimate with its 95% confidence interval; all null when not estimable, with the reason in
 * the notes.
 */
public record IntervalEstimate(Double estimate, Double lower, Double upper, List<String> notes) {

	public IntervalEstimate {
		notes = List.copyOf(notes);
	}

	static IntervalEstimate notEstimable(String why) {
		return new IntervalEstimate(null, null, null, List.of(why));
	}
}
