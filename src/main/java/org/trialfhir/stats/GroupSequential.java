package org.trialfhir.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Two-sided symmetric group-sequential boundaries from a Lan-DeMets α-spending function, equal to
 * {@code rpact::getDesignGroupSequential(sided = 2, alpha, typeOfDesign = "asOF" | "asP", informationRates)}.
 *
 * <p>Source of the method: P. Armitage, C. K. McPherson, B. C. Rowe, "Repeated significance tests on accumulating
 * data", J. R. Stat. Soc. A 132 (1969) 235–244 (the recursion of the sub-densities of Z_k on the continuation
 * region); C. Jennison, B. W. Turnbull, <i>Group Sequential Methods with Applications to Clinical Trials</i> (2000),
 * ch. 19 (its numerical evaluation); K. K. G. Lan, D. L. DeMets, "Discrete sequential boundaries for clinical
 * trials", Biometrika 70 (1983) 659–663 (the spending functions). Written here from those descriptions: no Java
 * library computes group-sequential boundaries.
 *
 * <p>Under H₀ the statistics Z_k = W(t_k)/√t_k of a Brownian motion W at the information fractions t_k are
 * multivariate normal; the sub-density of Z_k on the paths that have not stopped is the previous one convolved with
 * the normal increment, integrated here by Simpson's rule on a fine grid of the continuation region (−c, c). At each
 * look c_k is the root (Brent) of "probability of first crossing |Z_k| ≥ c_k" = α(t_k) − α(t_{k−1}).
 *
 * <p>With {@code sided = 2} rpact spends α/2 on each side with the one-sided spending function at α/2, so the
 * O'Brien-Fleming type is α(t) = 2·(2 − 2Φ(Φ⁻¹(1 − α/4)/√t)), not 2 − 2Φ(Φ⁻¹(1 − α/2)/√t); the Pocock type is
 * α(t) = α·ln(1 + (e − 1)t) either way.
 *
 * <p>Three conventions of rpact are kept so that extreme designs (a first look at t ≤ 0.2 under O'Brien-Fleming)
 * give R's numbers too, each moving a later boundary by up to a few 10⁻⁶: its probabilities treat a boundary as at
 * most 8 above and at most 6 below zero (so a first boundary beyond 6 leaves the mass below −6 counted as crossed);
 * each look's boundary is the root of the cumulative crossing probability, earlier looks included, minus α(t_k);
 * and a boundary of 7.5 or more is reported as +∞ (no stop possible at that look; nominal level 0).
 */
public final class GroupSequential {

	private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

	/** Grid step of the sub-densities, and at most this fraction of the increment's standard deviation. */
	private static final double STEP = 0.005;

	/** rpact's bounds on a boundary inside its probabilities (C_UPPER_BOUNDS_DEFAULT, C_FUTILITY_BOUNDS_DEFAULT). */
	private static final double HIGHEST = 8;
	private static final double LOWEST = -6;

	/** rpact reports a boundary from this value on as infinite. */
	private static final double REPORTED_INFINITE = 7.5;

	/** The Lan-DeMets spending functions, with the code the design extension uses. */
	public enum Spending {
		/** Lan-DeMets O'Brien-Fleming type (rpact "asOF"). */
		OBRIEN_FLEMING("obrien-fleming"),
		/** Lan-DeMets Pocock type (rpact "asP"). */
		POCOCK("pocock");

		private final String code;

		Spending(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}

		/** The spending function of this code, or empty. */
		public static Optional<Spending> of(String code) {
			for (Spending spending : values()) {
				if (spending.code.equals(code)) {
					return Optional.of(spending);
				}
			}
			return Optional.empty();
		}

		/** Cumulative two-sided α spent by information fraction t (0 &lt; t ≤ 1). */
		public double cumulative(double alpha, double t) {
			if (t >= 1) {
				return alpha;
			}
			return switch (this) {
				case OBRIEN_FLEMING -> 4 * STANDARD.survivalProbability(
						STANDARD.inverseSurvivalProbability(alpha / 4) / Math.sqrt(t));
				case POCOCK -> alpha * Math.log(1 + (Math.E - 1) * t);
			};
		}
	}

	/**
	 * One look's boundary.
	 *
	 * @param z          the two-sided symmetric critical value c_k: stop when |Z_k| ≥ c_k (+∞: no stop possible)
	 * @param nominalP   the two-sided nominal level 2(1 − Φ(c_k))
	 * @param alphaSpent cumulative two-sided α spent by this look, α(t_k)
	 */
	public record Boundary(int look, double informationFraction, double z, double nominalP, double alphaSpent) {
	}

	/** The sub-density of Z_k on its continuation region: grid points, their Simpson weights, the values. */
	private record Stage(double[] z, double[] weights, double[] density) {
	}

	private GroupSequential() {
	}

	/**
	 * The boundaries of every look.
	 *
	 * @param alpha two-sided, in (0, 1)
	 * @param rates information fractions, strictly increasing, in (0, 1], the last = 1
	 */
	public static List<Boundary> boundaries(Spending spending, double alpha, double[] rates) {
		check(alpha, rates);
		List<Boundary> looks = new ArrayList<>();
		Stage stage = null;
		double crossedBefore = 0;
		for (int k = 0; k < rates.length; k++) {
			double t = rates[k];
			double target = spending.cumulative(alpha, t);
			double c;
			double crossed;
			if (k == 0) {
				c = STANDARD.inverseSurvivalProbability(target / 2);
				crossed = STANDARD.survivalProbability(Math.min(c, HIGHEST))
						+ STANDARD.cumulativeProbability(Math.max(-c, LOWEST));
			} else {
				double previous = rates[k - 1];
				Stage before = stage;
				double already = crossedBefore;
				c = Zeroin.find(x -> already + exitProbability(before, previous, t, x) - target, 0, HIGHEST,
						already + exitProbability(before, previous, t, 0) - target,
						already + exitProbability(before, previous, t, HIGHEST) - target, 1e-13, 1000).x();
				crossed = exitProbability(before, previous, t, c);
			}
			crossedBefore += crossed;
			boolean infinite = c >= REPORTED_INFINITE;
			looks.add(new Boundary(k + 1, t, infinite ? Double.POSITIVE_INFINITY : c,
					infinite ? 0 : 2 * STANDARD.survivalProbability(c), target));
			if (k + 1 < rates.length) {
				// the grid resolves the next increment's kernel, whose standard deviation in z is √Δ/√t_k
				double[] next = grid(Math.max(-c, LOWEST), Math.min(c, HIGHEST),
						Math.sqrt(rates[k + 1] - t) / Math.sqrt(t));
				stage = new Stage(next, simpsonWeights(next),
						k == 0 ? firstDensity(next) : nextDensity(stage, rates[k - 1], t, next));
			}
		}
		return looks;
	}

	private static void check(double alpha, double[] rates) {
		if (!(alpha > 0 && alpha < 1)) {
			throw new IllegalArgumentException("alpha must be in (0, 1); got " + alpha);
		}
		if (rates.length == 0 || rates[rates.length - 1] != 1) {
			throw new IllegalArgumentException("the information rates must end at 1");
		}
		for (int k = 0; k < rates.length; k++) {
			if (!(rates[k] > 0) || (k > 0 && rates[k] <= rates[k - 1])) {
				throw new IllegalArgumentException("the information rates must be increasing and positive");
			}
		}
	}

	/** An odd number of equally spaced points over [low, high], the step at most STEP and a 20th of {@code scale}. */
	private static double[] grid(double low, double high, double scale) {
		double step = Math.min(STEP, scale / 20);
		int intervals = 2 * (int) Math.ceil((high - low) / step / 2);
		double[] points = new double[intervals + 1];
		for (int i = 0; i <= intervals; i++) {
			points[i] = low + (high - low) * i / intervals;
		}
		return points;
	}

	private static double[] firstDensity(double[] grid) {
		double[] f = new double[grid.length];
		for (int i = 0; i < grid.length; i++) {
			f[i] = STANDARD.density(grid[i]);
		}
		return f;
	}

	/**
	 * Sub-density of Z_k at the points {@code next}: ∫ f_{k−1}(z) √t_k/√Δ φ((y√t_k − z√t_{k−1})/√Δ) dz over the
	 * previous continuation region, Δ = t_k − t_{k−1}.
	 */
	private static double[] nextDensity(Stage stage, double previous, double t, double[] next) {
		double sd = Math.sqrt(t - previous);
		double[] f = new double[next.length];
		for (int j = 0; j < next.length; j++) {
			double sum = 0;
			for (int i = 0; i < stage.z().length; i++) {
				sum += stage.weights()[i] * stage.density()[i]
						* STANDARD.density((next[j] * Math.sqrt(t) - stage.z()[i] * Math.sqrt(previous)) / sd);
			}
			f[j] = sum * Math.sqrt(t) / sd;
		}
		return f;
	}

	/** P(|Z_k| ≥ c and not stopped before), from the sub-density of Z_{k−1}, with rpact's bounds on c. */
	private static double exitProbability(Stage stage, double previous, double t, double c) {
		double sd = Math.sqrt(t - previous);
		double sum = 0;
		for (int i = 0; i < stage.z().length; i++) {
			double mean = stage.z()[i] * Math.sqrt(previous);
			double bothSides = STANDARD.survivalProbability((Math.min(c, HIGHEST) * Math.sqrt(t) - mean) / sd)
					+ STANDARD.cumulativeProbability((Math.max(-c, LOWEST) * Math.sqrt(t) - mean) / sd);
			sum += stage.weights()[i] * stage.density()[i] * bothSides;
		}
		return sum;
	}

	/** Simpson weights h/3·(1, 4, 2, …, 4, 1) of an odd, equally spaced grid. */
	private static double[] simpsonWeights(double[] grid) {
		int n = grid.length;
		double h = (grid[n - 1] - grid[0]) / (n - 1);
		double[] w = new double[n];
		for (int i = 0; i < n; i++) {
			w[i] = h / 3 * (i == 0 || i == n - 1 ? 1 : i % 2 == 1 ? 4 : 2);
		}
		return w;
	}
}
