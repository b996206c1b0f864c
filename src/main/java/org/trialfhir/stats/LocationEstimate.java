package org.trialfhir.stats;

/**
 * Hodges-Lehmann location estimate with its confidence interval, as R's
 * {@code wilcox.test(..., conf.int = TRUE)} reports them: two-sample shift (x − y) or paired
 * pseudo-median of the differences. Every field is null when not estimable.
 *
 * @param estimate R's {@code $estimate}
 * @param lower lower confidence limit ({@code $conf.int[1]})
 * @param upper upper confidence limit ({@code $conf.int[2]})
 * @param confidenceLevel the level the interval achieves (R's {@code attr(conf.int, "conf.level")});
 *     0.95 unless the samples are too small to reach it
 */
public record LocationEstimate(Double estimate, Double lower, Double upper, Double confidenceLevel) {

	static final LocationEstimate NONE = new LocationEstimate(null, null, null, null);

	static LocationEstimate pointOnly(double estimate) {
		return new LocationEstimate(estimate, null, null, null);
	}
}
