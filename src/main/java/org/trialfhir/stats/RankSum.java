package org.trialfhir.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * Wilcoxon rank-sum test between two arms, with R's choice of method: exact when both arms have
 * fewer than 50 values and no value is tied, else the normal approximation with tie-corrected
 * variance and continuity correction (R 4.2.2 {@code wilcox.test.default}; Hollander &amp; Wolfe,
 * <i>Nonparametric Statistical Methods</i>, 2nd ed., §4.1). W and p come from Commons Statistics
 * {@code MannWhitneyUTest}, which equals R once the method is fixed as R fixes it.
 */
public final class RankSum {

	private static final int EXACT_LIMIT = 50;

	private RankSum() {
	}

	/**
	 * Compares x (first arm, "treatment") with y. NaN marks a missing value and is dropped, as R drops NA.
	 */
	public static RankSumResult test(double[] x, double[] y) {
		final double[] xs = withoutNaN(x);
		final double[] ys = withoutNaN(y);
		final List<String> notes = new ArrayList<>();
		if (xs.length == 0 || ys.length == 0) {
			notes.add("not estimable: an arm has no values");
			return new RankSumResult(xs.length, ys.length, null, null, null, LocationEstimate.NONE, notes);
		}
		final double[] all = concat(xs, ys);
		final boolean ties = Ranks.hasTies(all);
		if (allEqual(all)) {
			// W is still R's W (mn/2); the variance is 0, so there is no p (R: NaN) and no shift
			notes.add("not estimable: all values are equal");
			return new RankSumResult(xs.length, ys.length, MannWhitneyUTest.withDefaults().statistic(xs, ys),
					null, null, LocationEstimate.NONE, notes);
		}
		final boolean exact = xs.length < EXACT_LIMIT && ys.length < EXACT_LIMIT && !ties;
		if (!exact) {
			notes.add(ties ? "tied values: normal approximation with continuity correction"
					: "an arm has 50 or more values: normal approximation with continuity correction");
		}
		final MannWhitneyUTest.Result result = MannWhitneyUTest.withDefaults()
				.with(exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC)
				.test(xs, ys);
		final LocationEstimate shift = exact ? ExactShift.twoSample(xs, ys, notes)
				: RankSumShiftSearch.estimate(xs, ys, notes);
		return new RankSumResult(xs.length, ys.length, result.getStatistic(), result.getPValue(),
				exact ? TestMethod.EXACT : TestMethod.NORMAL_CC, shift, notes);
	}

	/** The non-missing values, with −0.0 made +0.0 (R ranks them as a tie; Double.compare would not). */
	static double[] withoutNaN(double[] values) {
		return Arrays.stream(values).filter(v -> !Double.isNaN(v)).map(v -> v + 0.0).toArray();
	}

	private static double[] concat(double[] a, double[] b) {
		final double[] all = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	private static boolean allEqual(double[] values) {
		for (double v : values) {
			if (v != values[0]) {
				return false;
			}
		}
		return true;
	}
}
