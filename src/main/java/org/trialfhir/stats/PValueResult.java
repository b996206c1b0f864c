package org.trialfhir.stats;

import java.util.List;

/**
 * A test statistic and its p-value; both null when not estimable, with the reason in the notes.
 *
 * @param statistic the test statistic (X² for chi-square); null for tests without one (Fisher)
 * @param p two-sided p-value
 * @param notes why a value is missing, or what R would warn about
 */
public record PValueResult(Double statistic, Double p, List<String> notes) {

	public PValueResult {
		notes = List.copyOf(notes);
	}

	static PValueResult notEstimable(String why) {
		return new PValueResult(null, null, List.of(why));
	}
}
