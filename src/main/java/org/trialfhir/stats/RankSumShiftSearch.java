package org.trialfhir.stats;

import java.util.Arrays;
import java.util.List;

/**
 * Hodges-Lehmann shift and 95% interval on R's asymptotic path (ties, or an arm of 50 or more).
 *
 * <p>Source: R 4.2.2 {@code wilcox.test.default}, two-sample branch with {@code conf.int = TRUE}
 * (R's comment: "Algorithm not published"). W(δ) is the standardised rank-sum statistic of
 * x − δ against y, with the tie-corrected variance and, for the limits, the continuity correction:
 * W(δ) = (U(δ) − mn/2 − ½·sign(·)) / √((mn/12)·((m+n+1) − T/((m+n)(m+n−1)))).
 * Lower limit: root of W(δ) = z₀.₉₇₅; upper: root of W(δ) = z₀.₀₂₅; the end points of
 * [min x − max y, max x − min y] are returned when the root lies beyond them. Estimate: root of
 * W(δ) = 0 without correction. Roots by {@link Zeroin} with tol 1e-4 and at most 1000 iterations,
 * exactly as {@code uniroot()} is called there; W is a step function, so where R's root lands on a
 * flat stretch is part of R's answer and is reproduced here.
 */
final class RankSumShiftSearch {

	private static final double TOL = 1e-4;
	private static final int MAX_ITERATIONS = 1000;

	private final double[] x;
	private final double[] y;
	private final double[] xSorted;
	private final double[] ySorted;

	private RankSumShiftSearch(double[] x, double[] y) {
		this.x = x;
		this.y = y;
		this.xSorted = x.clone();
		this.ySorted = y.clone();
		Arrays.sort(xSorted);
		Arrays.sort(ySorted);
	}

	static LocationEstimate estimate(double[] x, double[] y, List<String> notes) {
		return new RankSumShiftSearch(x, y).search(notes);
	}

	private LocationEstimate search(List<String> notes) {
		final double muMin = min(x) - max(y);
		final double muMax = max(x) - min(y);
		final double wMin = standardised(muMin, true);
		final double wMax = standardised(muMax, true);
		final double lower = root(Normal.upperHalfAlpha(Normal.ALPHA), muMin, muMax, wMin, wMax, notes);
		final double upper = root(Normal.lowerHalfAlpha(Normal.ALPHA), muMin, muMax, wMin, wMax, notes);
		final double fMin = standardised(muMin, false);
		final double fMax = standardised(muMax, false);
		if (Double.isNaN(lower) || Double.isNaN(upper) || !(muMin < muMax)
				|| Double.isNaN(fMin) || Double.isNaN(fMax) || Math.signum(fMin) * Math.signum(fMax) > 0) {
			notes.add("Hodges-Lehmann shift not estimable: the standardised rank-sum statistic has no sign change"
					+ " (each arm constant or all values tied); R's wilcox.test stops here too");
			return LocationEstimate.NONE;
		}
		final Zeroin.Root estimate = Zeroin.find(d -> standardised(d, false), muMin, muMax, fMin, fMax, TOL, MAX_ITERATIONS);
		noteIfNotConverged(estimate, notes);
		return new LocationEstimate(estimate.x(), lower, upper, 0.95);
	}

	/** R's root(zq): the end point when the root lies beyond it, NaN where R stops with an error. */
	private double root(double zq, double muMin, double muMax, double wMin, double wMax, List<String> notes) {
		final double fLower = wMin - zq;
		if (Double.isNaN(fLower)) {
			return Double.NaN;
		}
		if (fLower <= 0) {
			return muMin;
		}
		final double fUpper = wMax - zq;
		if (Double.isNaN(fUpper)) {
			return Double.NaN;
		}
		if (fUpper >= 0) {
			return muMax;
		}
		final Zeroin.Root root = Zeroin.find(d -> standardised(d, true) - zq, muMin, muMax, fLower, fUpper, TOL, MAX_ITERATIONS);
		noteIfNotConverged(root, notes);
		return root.x();
	}

	/**
	 * R's W(d): standardised statistic of x − d against y; NaN or infinite when all values tie.
	 *
	 * <p>R ranks c(x − d, y) afresh at every d. Here x and y are sorted once and merged at each d
	 * (x − d stays sorted: IEEE subtraction is monotonic), which finds the same tie groups of the
	 * same doubles; the rank sum of x and the tie term are sums of integers and half-integers, exact
	 * in any order, so W(d) is bit for bit what ranking the combined sample gives — in O(m + n).
	 */
	private double standardised(double d, boolean continuityCorrection) {
		final int m = xSorted.length;
		final int n = ySorted.length;
		double rankSumX = 0;
		double tieTerm = 0;
		int ranked = 0;
		int i = 0;
		int j = 0;
		while (i < m || j < n) {
			final double xi = i < m ? xSorted[i] - d + 0.0 : Double.POSITIVE_INFINITY;
			final double yj = j < n ? ySorted[j] + 0.0 : Double.POSITIVE_INFINITY;
			final double value = Math.min(xi, yj);
			int tiedX = 0;
			while (i < m && xSorted[i] - d + 0.0 == value) {
				tiedX++;
				i++;
			}
			int tiedY = 0;
			while (j < n && ySorted[j] + 0.0 == value) {
				tiedY++;
				j++;
			}
			final double t = tiedX + tiedY;
			rankSumX += tiedX * (ranked + (t + 1) / 2);
			tieTerm += t * t * t - t;
			ranked += tiedX + tiedY;
		}
		final double nx = m;
		final double ny = n;
		final double dz = rankSumX - nx * (nx + 1) / 2 - nx * ny / 2;
		final double correction = continuityCorrection ? Math.signum(dz) * 0.5 : 0;
		final double sigma = Math.sqrt((nx * ny / 12)
				* ((nx + ny + 1) - tieTerm / ((nx + ny) * (nx + ny - 1))));
		return (dz - correction) / sigma;
	}

	static void noteIfNotConverged(Zeroin.Root root, List<String> notes) {
		if (!root.converged()) {
			notes.add("root search did not converge in 1000 iterations (R warns the same); last value reported");
		}
	}

	static double min(double[] v) {
		double m = Double.POSITIVE_INFINITY;
		for (double e : v) {
			m = Math.min(m, e);
		}
		return m;
	}

	static double max(double[] v) {
		double m = Double.NEGATIVE_INFINITY;
		for (double e : v) {
			m = Math.max(m, e);
		}
		return m;
	}
}
