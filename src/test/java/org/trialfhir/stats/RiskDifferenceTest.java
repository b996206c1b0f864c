package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.trialfhir.stats.RFixture.assertMatches;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RiskDifferenceTest {

	static Stream<Named<RFixture.Row>> rCases() {
		return TwoByTwoFixture.rows();
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void equalsNewcombeFromRWilsonLimits(RFixture.Row r) {
		final IntervalEstimate result = RiskDifference.newcombe(TwoByTwoFixture.table(r));

		assertMatches("risk difference", r.number("rd"), result.estimate());
		assertMatches("lower", r.number("rd_lower"), result.lower());
		assertMatches("upper", r.number("rd_upper"), result.upper());
	}

	@Test
	void newcombesOwnExample() {
		// Newcombe (1998) Stat Med 17:873, Table II example (a): 56/70 − 48/80 = 0.2000,
		// method 10 interval 0.0524 to 0.3339
		final IntervalEstimate result = RiskDifference.newcombe(new TwoByTwo(56, 70, 48, 80));

		assertThat(result.estimate()).isCloseTo(0.2, within(1e-12));
		assertThat(result.lower()).isCloseTo(0.0524, within(5e-5));
		assertThat(result.upper()).isCloseTo(0.3339, within(5e-5));
	}

	@Test
	void noDeathsStillHasAnInterval() {
		// 0/18 vs 0/24: δ = 0; L = −u₂ (Wilson upper of 0/24), U = u₁ (of 0/18), each (z²/n)/(1 + z²/n)
		final IntervalEstimate result = RiskDifference.newcombe(new TwoByTwo(0, 18, 0, 24));
		final double z2 = 1.9599639845400536 * 1.9599639845400536;

		assertThat(result.estimate()).isZero();
		assertThat(result.lower()).isCloseTo(-(z2 / 24) / (1 + z2 / 24), within(1e-12));
		assertThat(result.upper()).isCloseTo((z2 / 18) / (1 + z2 / 18), within(1e-12));
		assertThat(result.notes()).containsExactly("no events in either arm");
	}
}
