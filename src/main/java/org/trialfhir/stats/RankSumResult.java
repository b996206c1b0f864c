package org.trialfhir.stats;

import java.util.List;

/**
 * Two-sample Wilcoxon rank-sum (Mann-Whitney) comparison of x (first arm) with y, equal to R's
 * {@code wilcox.test(x, y, conf.int = TRUE)}.
 *
 * @param n1 number of x values used (missing values dropped)
 * @param n2 number of y values used
 * @param w R's W: rank sum of x minus n1(n1+1)/2 (the Mann-Whitney U of x); null when not estimable
 * @param p two-sided p-value; null when not estimable
 * @param method how p was obtained; null when p is null
 * @param shift Hodges-Lehmann shift x − y with its interval (never null; fields may be)
 * @param notes why something is missing, and what R would warn about
 */
public record RankSumResult(int n1, int n2, Double w, Double p, TestMethod method, LocationEstimate shift,
		List<String> notes) {

	public RankSumResult {
		notes = List.copyOf(notes);
	}
}
