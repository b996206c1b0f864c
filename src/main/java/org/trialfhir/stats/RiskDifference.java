package org.trialfhir.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Risk difference p₁ − p₂ with Newcombe's hybrid score 95% interval.
 *
 * <p>Source: Newcombe (1998), "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Stat. Med. 17:873, method 10: with Wilson limits
 * (lᵢ, uᵢ) of each arm ({@link Wilson}), δ = p₁ − p₂,
 * L = δ − √((p₁ − l₁)² + (u₂ − p₂)²), U = δ + √((u₁ − p₁)² + (p₂ − l₂)²).
 * Defined with no events at all (δ = 0, and still an interval), unlike a ratio.
 */
public final class RiskDifference {

	private RiskDifference() {
	}

	public static IntervalEstimate newcombe(TwoByTwo table) {
		final IntervalEstimate arm1 = Wilson.interval(table.events1(), table.n1());
		final IntervalEstimate arm2 = Wilson.interval(table.events2(), table.n2());
		if (arm1.estimate() == null || arm2.estimate() == null) {
			return IntervalEstimate.notEstimable("not estimable: an arm has no subjects");
		}
		final double p1 = arm1.estimate();
		final double p2 = arm2.estimate();
		final double delta = p1 - p2;
		final double lower = delta - Math.hypot(p1 - arm1.lower(), arm2.upper() - p2);
		final double upper = delta + Math.hypot(arm1.upper() - p1, p2 - arm2.lower());
		final List<String> notes = new ArrayList<>();
		if (table.events() == 0) {
			notes.add("no events in either arm");
		}
		return new IntervalEstimate(delta, lower, upper, notes);
	}
}
