package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.trialfhir.stats.RFixture.assertMatches;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KaplanMeierTest {

	static Stream<Named<RFixture.Row>> rCases() {
		return SurvivalFixture.rows();
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void equalsRSummarySurvfitForEachArm(RFixture.Row r) {
		for (int arm = 1; arm <= 2; arm++) {
			final KaplanMeierCurve curve = KaplanMeier.estimate(SurvivalFixture.arm(r, arm));
			final String prefix = "km" + arm + "_";
			final double[] times = r.numbers(prefix + "time");
			assertThat(curve.steps()).as("arm %d death times", arm).hasSize(times.length);
			for (int i = 0; i < times.length; i++) {
				final KaplanMeierStep step = curve.steps().get(i);
				final String at = "arm " + arm + " t=" + times[i] + " ";
				assertMatches(at + "time", times[i], step.time());
				assertThat(step.atRisk()).as(at + "n.risk").isEqualTo((int) r.numbers(prefix + "n_risk")[i]);
				assertThat(step.events()).as(at + "n.event").isEqualTo((int) r.numbers(prefix + "n_event")[i]);
				assertMatches(at + "surv", r.numbers(prefix + "surv")[i], step.survival());
				assertMatches(at + "std.err", nullIfNaN(r.numbers(prefix + "std_err")[i]), step.standardError());
				assertMatches(at + "lower", nullIfNaN(r.numbers(prefix + "lower")[i]), step.lower());
				assertMatches(at + "upper", nullIfNaN(r.numbers(prefix + "upper")[i]), step.upper());
			}
		}
	}

	private static Double nullIfNaN(double v) {
		return Double.isNaN(v) ? null : v;
	}

	@Test
	void fiveSubjectsByHand() {
		// times 1†, 2†, 2 (censored), 3†, 5†: at t=1 5 at risk → S = 4/5; t=2 4 at risk (the one
		// censored at 2 still counts), 1 death → S = 0.8·3/4 = 0.6; t=3 2 at risk → 0.3; t=5 1 → 0.
		// Greenwood at t=1: v = 1/(5·4) = 0.05, se = 0.8·√0.05 = 0.178885;
		// log CI: 0.8·exp(∓1.959964·0.223607) = 0.8·exp(∓0.438261) = 0.516126 … 1.24 → capped at 1
		final KaplanMeierCurve curve = KaplanMeier.estimate(List.of(TimeToEvent.death(1), TimeToEvent.death(2),
				TimeToEvent.censored(2), TimeToEvent.death(3), TimeToEvent.death(5)));

		assertThat(curve.steps()).extracting(KaplanMeierStep::survival)
				.satisfiesExactly(s -> assertThat(s).isCloseTo(0.8, within(1e-12)),
						s -> assertThat(s).isCloseTo(0.6, within(1e-12)),
						s -> assertThat(s).isCloseTo(0.3, within(1e-12)),
						s -> assertThat(s).isZero());
		assertThat(curve.steps()).extracting(KaplanMeierStep::atRisk).containsExactly(5, 4, 2, 1);
		final KaplanMeierStep first = curve.steps().get(0);
		assertThat(first.standardError()).isCloseTo(0.178885, within(1e-6));
		assertThat(first.lower()).isCloseTo(0.516126, within(1e-6));
		assertThat(first.upper()).isEqualTo(1.0);
		assertThat(curve.steps().get(3).lower()).isNull();
	}

	@Test
	void noDeathsGivesNoStepsAndANote() {
		final KaplanMeierCurve curve = KaplanMeier.estimate(List.of(TimeToEvent.censored(28), TimeToEvent.censored(10)));

		assertThat(curve.steps()).isEmpty();
		assertThat(curve.events()).isZero();
		assertThat(curve.notes()).singleElement().asString().startsWith("no deaths");
	}
}
