package org.trialfhir.stats;

import java.util.List;

/**
 * Wilcoxon signed-rank test of paired values, equal to R's
 * {@code wilcox.test(baseline, followup, paired = TRUE, conf.int = TRUE)}; differences are
 * baseline − followup.
 *
 * @param pairs complete pairs (both values present), zero differences included
 * @param droppedIncomplete pairs dropped because a value was missing (e.g. died before follow-up)
 * @param droppedZero complete pairs dropped because the difference was zero
 * @param v R's V: sum of the ranks of |d| over positive d; 0 when every difference is zero (as R); null without
 *     complete pairs
 * @param p two-sided p-value; null when not estimable
 * @param method how p was obtained; null when p is null
 * @param pseudoMedian Hodges-Lehmann pseudo-median of the differences with its interval (never null)
 * @param notes why something is missing, and what R would warn about
 */
public record SignedRankResult(int pairs, int droppedIncomplete, int droppedZero, Double v, Double p,
		TestMethod method, LocationEstimate pseudoMedian, List<String> notes) {

	public SignedRankResult {
		notes = List.copyOf(notes);
	}
}
