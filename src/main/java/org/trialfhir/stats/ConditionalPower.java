package org.trialfhir.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Conditional power by the B-value of K. K. G. Lan and J. Wittes, "The B-value: a tool for monitoring data",
 * Biometrics 44 (1988) 579–585: with Z' the current statistic oriented so that benefit is positive, t the information
 * fraction and B = Z'·√t, the final statistic is B(1) = B + θ(1 − t) + N(0, 1 − t), so the probability of ending above
 * the final critical value c is CP(θ) = 1 − Φ((c − B − θ(1 − t)) / √(1 − t)). The looks between now and the end are
 * ignored (the usual monitoring convention; the final boundary alone decides).
 */
public final class ConditionalPower {

	private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

	private ConditionalPower() {
	}

	/**
	 * @param zBenefit   Z', the current standardized statistic, positive when it favours the arm being tested
	 * @param t          the information fraction now, in (0, 1)
	 * @param finalValue c_K, the final look's critical value
	 * @param drift      θ, the drift of the B-value per unit of information (the expected Z at t = 1)
	 */
	public static double of(double zBenefit, double t, double finalValue, double drift) {
		if (!(t > 0 && t < 1)) {
			throw new IllegalArgumentException("conditional power needs an information fraction in (0, 1); got " + t);
		}
		double b = zBenefit * Math.sqrt(t);
		return STANDARD.survivalProbability((finalValue - b - drift * (1 - t)) / Math.sqrt(1 - t));
	}

	/** θ estimated from the data so far, Z'/√t (the "current trend"). */
	public static double currentTrendDrift(double zBenefit, double t) {
		return zBenefit / Math.sqrt(t);
	}
}
