package org.trialfhir.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** Standard normal quantiles as R's {@code qnorm} gives them. */
final class Normal {

    /** R: {@code qnorm(0.975)} = 1.9599639845400536 (printed with 17 significant digits). */
    static final double Z_975 = 1.9599639845400536;

    /** R's {@code alpha <- 1 - conf.level} for the 95% intervals (0.050000000000000044). */
    static final double ALPHA = 1 - 0.95;

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private Normal() {
    }

    /** qnorm(p); NaN outside [0, 1], as R returns. */
    static double quantile(double p) {
        return p >= 0 && p <= 1 ? STANDARD.inverseCumulativeProbability(p) : Double.NaN;
    }

    /** qnorm(p, lower.tail = FALSE); NaN outside [0, 1]. */
    static double upperQuantile(double p) {
        return p >= 0 && p <= 1 ? STANDARD.inverseSurvivalProbability(p) : Double.NaN;
    }
}
