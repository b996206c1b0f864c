package org.trialfhir.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * Wilcoxon signed-rank test within patients (e.g. day 1 vs day 10), R's way: pairs with a missing
 * value are dropped, zero differences are dropped (Wilcoxon's original rule, not Pratt's), and the
 * test is exact only when fewer than 50 differences remain, none was zero and no |d| is tied;
 * otherwise normal approximation with tie correction and continuity correction (R 4.2.2
 * {@code wilcox.test.default}; Hollander &amp; Wolfe, 2nd ed., §3.1). V and p come from Commons
 * Statistics {@code WilcoxonSignedRankTest} on the non-zero differences with that method fixed.
 */
public final class SignedRank {

	private static final int EXACT_LIMIT = 50;

	private SignedRank() {
	}

	/**
	 * Tests baseline − followup. The arrays are aligned by patient; NaN marks a missing value.
	 *
	 * @throws IllegalArgumentException if the arrays differ in length
	 */
	public static SignedRankResult test(double[] baseline, double[] followup) {
		if (baseline.length != followup.length) {
			throw new IllegalArgumentException("baseline and followup must be aligned pairs: "
					+ baseline.length + " vs " + followup.length);
		}
		final List<String> notes = new ArrayList<>();
		final double[] differences = new double[baseline.length];
		int complete = 0;
		for (int i = 0; i < baseline.length; i++) {
			if (!Double.isNaN(baseline[i]) && !Double.isNaN(followup[i])) {
				differences[complete++] = baseline[i] - followup[i];
			}
		}
		final int incomplete = baseline.length - complete;
		if (incomplete > 0) {
			notes.add(incomplete + " pair(s) with a missing value dropped");
		}
		int nonZero = 0;
		final double[] d = new double[complete];
		for (int i = 0; i < complete; i++) {
			if (differences[i] != 0) {
				d[nonZero++] = differences[i];
			}
		}
		final int zeros = complete - nonZero;
		final double[] nz = Arrays.copyOf(d, nonZero);
		if (complete == 0) {
			notes.add("not estimable: no complete pairs");
			return new SignedRankResult(complete, incomplete, zeros, null, null, null, LocationEstimate.NONE, notes);
		}
		if (nonZero == 0) {
			// R: V = 0 (no positive difference has a rank) and p = NA, with its warning about zeroes
			notes.add("p not estimable: all differences are zero");
			return new SignedRankResult(complete, incomplete, zeros, 0.0, null, null, LocationEstimate.NONE, notes);
		}
		final double[] abs = Arrays.stream(nz).map(Math::abs).toArray();
		final boolean ties = Ranks.hasTies(abs);
		final boolean exact = nonZero < EXACT_LIMIT && zeros == 0 && !ties;
		if (zeros > 0) {
			notes.add(zeros + " zero difference(s) dropped: normal approximation with continuity correction");
		} else if (ties) {
			notes.add("tied differences: normal approximation with continuity correction");
		} else if (!exact) {
			notes.add("50 or more differences: normal approximation with continuity correction");
		}
		final WilcoxonSignedRankTest.Result result = WilcoxonSignedRankTest.withDefaults()
				.with(exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC)
				.test(nz);
		final LocationEstimate pseudoMedian = exact ? ExactShift.paired(nz, notes)
				: SignedRankShiftSearch.estimate(nz, notes);
		return new SignedRankResult(complete, incomplete, zeros, result.getStatistic(), result.getPValue(),
				exact ? TestMethod.EXACT : TestMethod.NORMAL_CC, pseudoMedian, notes);
	}
}
