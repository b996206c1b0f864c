package org.trialfhir.stats;

import java.util.List;
import org.apache.commons.statistics.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test of a 2×2 table, two-sided, as R's {@code fisher.test(tab)$p.value}.
 *
 * <p>Source: R 4.2.2 {@code fisher.test} (2×2 branch): with the margins fixed, X = events in arm 1
 * is hypergeometric (N subjects, K events, n₁ drawn); p = Σ P(X = i) over the tables with
 * P(X = i) ≤ P(X = a)·(1 + 10⁻⁷), the relative tolerance R uses so that tables as likely as the
 * observed one are not lost to rounding; capped at 1. Commons Statistics {@code FisherExactTest}
 * has no tolerance and differs from R on rare tables, so only its hypergeometric pmf is used.
 */
public final class Fisher {

	private static final double RELATIVE_ERROR = 1 + 1e-7;

	private Fisher() {
	}

	public static PValueResult twoSided(TwoByTwo table) {
		final int low = Math.max(0, table.n1() - table.nonEvents());
		final int high = Math.min(table.n1(), table.events());
		if (low == high) {
			return PValueResult.notEstimable("not estimable: only one table has these margins"
					+ " (no events, all events or an empty arm), so Fisher's test compares nothing");
		}
		final HypergeometricDistribution h = HypergeometricDistribution.of(table.total(), table.events(), table.n1());
		// R: d <- exp(logdc - max(logdc)); d / sum(d)
		final double[] density = new double[high - low + 1];
		double max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < density.length; i++) {
			density[i] = h.logProbability(low + i);
			max = Math.max(max, density[i]);
		}
		double sum = 0;
		for (int i = 0; i < density.length; i++) {
			density[i] = Math.exp(density[i] - max);
			sum += density[i];
		}
		final double observed = density[table.events1() - low] / sum;
		double p = 0;
		for (double d : density) {
			if (d / sum <= observed * RELATIVE_ERROR) {
				p += d / sum;
			}
		}
		return new PValueResult(null, Math.min(1, p), List.of());
	}
}
