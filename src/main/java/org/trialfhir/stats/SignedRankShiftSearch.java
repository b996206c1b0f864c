package org.trialfhir.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Pseudo-median of paired differences and its 95% interval on R's asymptotic path (zero
 * differences, ties, or 50 or more pairs).
 *
 * <p>Source: R 4.2.2 {@code wilcox.test.default}, one-sample branch with {@code conf.int = TRUE}.
 * W(δ) is the standardised signed-rank statistic of d − δ (zeros dropped, tie-corrected variance
 * n(n+1)(2n+1)/24 − T/48, continuity correction for the limits). The search interval is
 * [min d, max d]; while W(min d) &lt; z₁₋α/₂ or W(max d) &gt; z_α/₂, α is doubled (the reported level
 * becomes 1 − α, and none is left when α reaches 1). Limits: roots of W(δ) = z₁₋α/₂ and z_α/₂;
 * estimate: root of W(δ) = 0 without correction; roots by {@link Zeroin}, tol 1e-4, maxit 1000.
 * When W(min d) is not finite (all differences equal) R gives no interval and the midrange.
 */
final class SignedRankShiftSearch {

	private static final double TOL = 1e-4;
	private static final int MAX_ITERATIONS = 1000;

	private final double[] d;

	private SignedRankShiftSearch(double[] nonZeroDifferences) {
		this.d = nonZeroDifferences;
	}

	static LocationEstimate estimate(double[] nonZeroDifferences, List<String> notes) {
		return new SignedRankShiftSearch(nonZeroDifferences).search(notes);
	}

	private LocationEstimate search(List<String> notes) {
		final double muMin = RankSumShiftSearch.min(d);
		final double muMax = RankSumShiftSearch.max(d);
		final double wMin = standardised(muMin, true);
		final double wMax = Double.isFinite(wMin) ? standardised(muMax, true) : Double.NaN;
		if (!Double.isFinite(wMax)) {
			notes.add("all non-zero differences are equal: no confidence interval; the pseudo-median is that value");
			return LocationEstimate.pointOnly((muMin + muMax) / 2);
		}
		double alpha = Normal.ALPHA;
		while (wMin - Normal.upperHalfAlpha(alpha) < 0 || wMax - Normal.lowerHalfAlpha(alpha) > 0) {
			alpha *= 2;
		}
		Double lower = null;
		Double upper = null;
		Double level = 0.95;
		if (alpha >= 1 || Normal.ALPHA < alpha * 0.75) {
			level = 1 - Math.min(1, alpha);
		}
		if (alpha < 1) {
			lower = root(Normal.upperHalfAlpha(alpha), muMin, muMax, wMin, wMax, notes);
			upper = root(Normal.lowerHalfAlpha(alpha), muMin, muMax, wMin, wMax, notes);
		}
		if (level <= 0) {
			notes.add("too few non-zero differences for any confidence interval");
			level = null;
		} else if (level < 0.95) {
			notes.add(String.format(Locale.ROOT,
					"95%% confidence not achievable with so few non-zero differences; the interval is a %.3g%% interval",
					100 * level));
		}
		final double fMin = standardised(muMin, false);
		final double fMax = standardised(muMax, false);
		final Zeroin.Root estimate = Zeroin.find(x -> standardised(x, false), muMin, muMax, fMin, fMax, TOL, MAX_ITERATIONS);
		RankSumShiftSearch.noteIfNotConverged(estimate, notes);
		return new LocationEstimate(estimate.x(), lower, upper, level);
	}

	private double root(double zq, double muMin, double muMax, double wMin, double wMax, List<String> notes) {
		final Zeroin.Root root = Zeroin.find(x -> standardised(x, true) - zq, muMin, muMax, wMin - zq, wMax - zq,
				TOL, MAX_ITERATIONS);
		RankSumShiftSearch.noteIfNotConverged(root, notes);
		return root.x();
	}

	/** R's W(d) of the one-sample branch: signed-rank statistic of the differences minus shift. */
	private double standardised(double shift, boolean continuityCorrection) {
		int nx = 0;
		final double[] shifted = new double[d.length];
		for (double di : d) {
			final double v = di - shift;
			if (v != 0) {
				shifted[nx++] = v;
			}
		}
		final double[] abs = new double[nx];
		for (int i = 0; i < nx; i++) {
			abs[i] = Math.abs(shifted[i]);
		}
		// one sort per evaluation serves the ranks and the tie term (the search evaluates this often)
		final double[] sorted = abs.clone();
		Arrays.sort(sorted);
		double positive = 0;
		for (int i = 0; i < nx; i++) {
			if (shifted[i] > 0) {
				positive += Ranks.midRank(sorted, abs[i]);
			}
		}
		final double n = nx;
		final double zd = positive - n * (n + 1) / 4;
		final double sigma = Math.sqrt(n * (n + 1) * (2 * n + 1) / 24 - Ranks.tieTermOfSorted(sorted) / 48);
		final double correction = continuityCorrection ? Math.signum(zd) * 0.5 : 0;
		return (zd - correction) / sigma;
	}
}
