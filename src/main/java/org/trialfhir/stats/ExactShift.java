package org.trialfhir.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Hodges-Lehmann estimate and exact confidence interval, R's exact path of {@code wilcox.test}.
 *
 * <p>Source: Hodges &amp; Lehmann (1963), Ann. Math. Statist. 34:598; Bauer (1972), JASA 67:687
 * (the interval from order statistics of the differences); the indices and the "achieved level"
 * rule are R's {@code wilcox.test.default} (R 4.2.2): two-sample D = sorted {xᵢ − yⱼ},
 * paired D = sorted Walsh averages (dᵢ + dⱼ)/2, i ≤ j; estimate = median(D);
 * k = max(1, qwilcox(α/2)) (or qsignrank); CI = [D₍ₖ₎, D₍N−k+1₎]; when the achieved
 * α' = 2·P(S ≤ k − 1) exceeds 1.5·α, R reports the level 1 − α' (paired: 1 − signif(α', 2)).
 */
final class ExactShift {

	private ExactShift() {
	}

	static LocationEstimate twoSample(double[] x, double[] y, List<String> notes) {
		final double[] diffs = new double[x.length * y.length];
		int i = 0;
		for (double xi : x) {
			for (double yj : y) {
				diffs[i++] = xi - yj;
			}
		}
		Arrays.sort(diffs);
		final ExactNull nullDistribution = ExactNull.rankSum(x.length, y.length);
		final double achievedAlpha = achievedAlpha(nullDistribution);
		final double level = achievedAlpha - Normal.ALPHA > Normal.ALPHA / 2 ? 1 - achievedAlpha : 0.95;
		return interval(diffs, nullDistribution, level, notes);
	}

	static LocationEstimate paired(double[] d, List<String> notes) {
		final int n = d.length;
		final double[] walsh = new double[n * (n + 1) / 2];
		int k = 0;
		for (int i = 0; i < n; i++) {
			for (int j = i; j < n; j++) {
				walsh[k++] = d[i] + d[j];
			}
		}
		Arrays.sort(walsh);
		for (int i = 0; i < walsh.length; i++) {
			walsh[i] /= 2;
		}
		final ExactNull nullDistribution = ExactNull.signedRank(n);
		final double achievedAlpha = achievedAlpha(nullDistribution);
		final double level = achievedAlpha - Normal.ALPHA > Normal.ALPHA / 2 ? 1 - twoSignificantDigits(achievedAlpha) : 0.95;
		return interval(walsh, nullDistribution, level, notes);
	}

	private static int lowerIndex(ExactNull nullDistribution) {
		return Math.max(1, nullDistribution.lowerQuantile(Normal.ALPHA / 2));
	}

	private static double achievedAlpha(ExactNull nullDistribution) {
		return 2 * nullDistribution.cdf(lowerIndex(nullDistribution) - 1);
	}

	private static LocationEstimate interval(double[] sorted, ExactNull nullDistribution, double level, List<String> notes) {
		final double estimate = median(sorted);
		if (level <= 0) {
			notes.add("too few values for any confidence interval");
			return LocationEstimate.pointOnly(estimate);
		}
		if (level < 0.95) {
			notes.add(String.format(Locale.ROOT, "95%% confidence not achievable with so few values; the interval is a %.3g%% interval", 100 * level));
		}
		final int k = lowerIndex(nullDistribution);
		final int upper = nullDistribution.max() - k; // R: diffs[ql + 1], ql = N - k, 1-based
		return new LocationEstimate(estimate, sorted[k - 1], sorted[upper], level);
	}

	static double median(double[] sorted) {
		final int n = sorted.length;
		return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	/** R's signif(x, 2) on the exact binary value (ties to even, as R 4 does). */
	private static double twoSignificantDigits(double x) {
		return new BigDecimal(x).round(new MathContext(2, RoundingMode.HALF_EVEN)).doubleValue();
	}
}
