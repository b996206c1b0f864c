package org.trialfhir.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Risk ratio p₁/p₂ with the Katz log 95% interval.
 *
 * <p>Source: Katz, Baptista, Azen &amp; Pike (1978), Biometrics 34:469: with cells a, b (arm 1
 * events, non-events) and c, d (arm 2), SE(log RR) = √(1/a − 1/(a+b) + 1/c − 1/(c+d)),
 * CI = exp(log RR ± z·SE), z = qnorm(0.975). When any cell is 0, ½ is added to every cell first
 * (Haldane 1956, Ann. Hum. Genet. 20:309; Anscombe 1956, Biometrika 43:461), for the estimate and
 * the interval alike, and a note says so. With no events in either arm the ratio is 0/0: not estimable.
 */
public final class RiskRatio {

	private RiskRatio() {
	}

	public static IntervalEstimate katz(TwoByTwo table) {
		if (table.n1() == 0 || table.n2() == 0) {
			return IntervalEstimate.notEstimable("not estimable: an arm has no subjects");
		}
		if (table.events() == 0) {
			return IntervalEstimate.notEstimable("not estimable: no events in either arm (risk ratio 0/0)");
		}
		final List<String> notes = new ArrayList<>();
		double half = 0;
		for (int cell : table.cellsColumnMajor()) {
			if (cell == 0) {
				half = 0.5;
			}
		}
		if (half > 0) {
			notes.add("a cell is 0: ½ added to every cell (Haldane-Anscombe) for the ratio and its interval");
		}
		final double a = table.events1() + half;
		final double n1 = table.n1() + 2 * half;
		final double c = table.events2() + half;
		final double n2 = table.n2() + 2 * half;
		final double ratio = (a / n1) / (c / n2);
		final double se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
		final double logRatio = Math.log(ratio);
		return new IntervalEstimate(ratio, Math.exp(logRatio - Normal.Z_975 * se),
				Math.exp(logRatio + Normal.Z_975 * se), notes);
	}
}
