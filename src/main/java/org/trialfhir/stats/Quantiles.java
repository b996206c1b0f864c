package org.trialfhir.stats;

import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Sample quantiles by Hyndman &amp; Fan (1996) definition 7, R's default {@code quantile(type = 7)}:
 * Q(p) = x₍ⱼ₎ + (h − j)(x₍ⱼ₊₁₎ − x₍ⱼ₎), h = (n − 1)p + 1, j = ⌊h⌋. Computed by Commons Statistics
 * {@code Quantile} with {@code HF7}; its default (HF8), and Commons Math's (type 6), differ from R.
 */
public final class Quantiles {

	private static final Quantile TYPE_7 = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

	private Quantiles() {
	}

	/** R's quantile(values, p, type = 7); NaN values are dropped (R's na.rm = TRUE); null when none is left. */
	public static Double type7(double[] values, double p) {
		final double[] present = RankSum.withoutNaN(values);
		return present.length == 0 ? null : TYPE_7.evaluate(present, p);
	}

	/** n, median, Q1 and Q3 of the non-missing values. */
	public static Summary summarize(double[] values) {
		final double[] present = RankSum.withoutNaN(values);
		if (present.length == 0) {
			return new Summary(0, null, null, null);
		}
		final double[] q = TYPE_7.evaluate(present, 0.5, 0.25, 0.75);
		return new Summary(present.length, q[0], q[1], q[2]);
	}
}
