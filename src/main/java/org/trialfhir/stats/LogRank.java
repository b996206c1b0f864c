package org.trialfhir.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Log-rank test of two arms (Mantel-Haenszel form), as R's {@code survdiff} with rho = 0.
 *
 * <p>Sources: Mantel (1966), Cancer Chemother. Rep. 50:163; Peto &amp; Peto (1972), JRSS A 135:185;
 * survival 3.5 {@code survdiff}: over the distinct death times of both arms, with nⱼ at risk (n₁ⱼ
 * in arm 1) and dⱼ deaths (d₁ⱼ in arm 1): O₁ = Σd₁ⱼ, E₁ = Σdⱼn₁ⱼ/nⱼ,
 * V = Σ dⱼ(n₁ⱼ/nⱼ)(1 − n₁ⱼ/nⱼ)(nⱼ − dⱼ)/(nⱼ − 1) (terms with nⱼ = 1 are 0),
 * X² = (O₁ − E₁)²/V, p = P(χ²₁ ≥ X²).
 */
public final class LogRank {

	private static final ChiSquaredDistribution ONE_DF = ChiSquaredDistribution.of(1);

	private LogRank() {
	}

	public static LogRankResult test(List<TimeToEvent> arm1, List<TimeToEvent> arm2) {
		final TreeSet<Double> deathTimes = new TreeSet<>();
		arm1.stream().filter(TimeToEvent::event).forEach(s -> deathTimes.add(s.time()));
		arm2.stream().filter(TimeToEvent::event).forEach(s -> deathTimes.add(s.time()));
		int observed1 = 0;
		int observed2 = 0;
		double expected1 = 0;
		double expected2 = 0;
		double variance = 0;
		for (double t : deathTimes) {
			final double n1 = atRisk(arm1, t);
			final double n = n1 + atRisk(arm2, t);
			final int d1 = deaths(arm1, t);
			final int d2 = deaths(arm2, t);
			final double d = d1 + d2;
			observed1 += d1;
			observed2 += d2;
			expected1 += d * n1 / n;
			expected2 += d * (n - n1) / n;
			if (n > 1) {
				variance += d * (n1 / n) * (1 - n1 / n) * (n - d) / (n - 1);
			}
		}
		final List<String> notes = new ArrayList<>();
		if (deathTimes.isEmpty()) {
			notes.add("not estimable: no deaths in either arm");
		} else if (expected1 == 0 || expected2 == 0 || variance == 0) {
			notes.add("not estimable: an arm had nobody at risk at any death time");
		} else {
			final double chiSquare = (observed1 - expected1) * (observed1 - expected1) / variance;
			return new LogRankResult(observed1, expected1, observed2, expected2, chiSquare,
					ONE_DF.survivalProbability(chiSquare), notes);
		}
		return new LogRankResult(observed1, expected1, observed2, expected2, null, null, notes);
	}

	private static int atRisk(List<TimeToEvent> arm, double t) {
		return (int) arm.stream().filter(s -> s.time() >= t).count();
	}

	private static int deaths(List<TimeToEvent> arm, double t) {
		return (int) arm.stream().filter(s -> s.event() && s.time() == t).count();
	}
}
