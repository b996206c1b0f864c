package org.trialfhir.stats;

import java.util.List;

/**
 * Wilson score 95% interval of a proportion, as R's {@code prop.test(x, n, correct = FALSE)$conf.int}.
 *
 * <p>Source: Wilson (1927), JASA 22:209; Newcombe (1998), Stat. Med. 17:857, method 3; R 4.2.2
 * {@code prop.test} (one sample, no continuity correction): with p = x/n and z = qnorm(0.975),
 * limits (p + z²/2n ∓ z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n); R sets the lower limit to 0 when
 * p = 0 and the upper to 1 when p = 1.
 */
public final class Wilson {

	private Wilson() {
	}

	/** Proportion events/n with its Wilson interval; not estimable when n = 0. */
	public static IntervalEstimate interval(int events, int n) {
		if (n <= 0 || events < 0 || events > n) {
			return IntervalEstimate.notEstimable("not estimable: no subjects");
		}
		final double z = Normal.Z_975;
		final double p = (double) events / n;
		final double z22n = z * z / (2 * n);
		final double spread = z * Math.sqrt(p * (1 - p) / n + z22n / (2 * n));
		final double upper = p >= 1 ? 1 : (p + z22n + spread) / (1 + 2 * z22n);
		final double lower = p <= 0 ? 0 : (p + z22n - spread) / (1 + 2 * z22n);
		return new IntervalEstimate(p, lower, upper, List.of());
	}
}
