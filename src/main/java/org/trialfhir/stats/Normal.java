package org.trialfhir.stats;

/**
 * The standard normal quantiles the 95% intervals use, as R's {@code qnorm} returns them, bit for
 * bit. The Wilcoxon interval searches land on R's roots only if every function value equals R's
 * (a 1-ulp difference in z moves zeroin's first interpolation step, and floating-point ties among
 * x − δ then differ), so the values are R's own, printed by reference.R with 17 digits, rather
 * than a Java inverse CDF that can differ in the last bit.
 */
final class Normal {

	/** R: {@code qnorm(0.975)}. */
	static final double Z_975 = 1.9599639845400536;

	/** R's {@code alpha <- 1 - conf.level} for conf.level = 0.95 (0.050000000000000044). */
	static final double ALPHA = 1 - 0.95;

	/** R: {@code qnorm(ALPHA * 2^k / 2, lower.tail = FALSE)}, k = 0..5 (R doubles α in the paired search). */
	private static final double[] UPPER_HALF_ALPHA = {
		1.9599639845400536, 1.6448536269514715, 1.2815515655445999,
		0.84162123357291341, 0.25334710313579883, -0.84162123357291663,
	};

	private Normal() {
	}

	/** qnorm(α/2, lower.tail = FALSE) for α = ALPHA·2^k; NaN once α/2 exceeds 1, as in R. */
	static double upperHalfAlpha(double alpha) {
		double a = ALPHA;
		for (double z : UPPER_HALF_ALPHA) {
			if (alpha == a) {
				return z;
			}
			a *= 2;
		}
		if (alpha / 2 > 1) {
			return Double.NaN;
		}
		throw new IllegalArgumentException("no tabulated quantile for alpha " + alpha);
	}

	/** qnorm(α/2) for α = ALPHA·2^k (R's qnorm is symmetric to the last bit). */
	static double lowerHalfAlpha(double alpha) {
		return -upperHalfAlpha(alpha);
	}
}
