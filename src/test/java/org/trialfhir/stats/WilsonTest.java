package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.trialfhir.stats.RFixture.assertMatches;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WilsonTest {

	static Stream<Named<RFixture.Row>> rCases() {
		return TwoByTwoFixture.rows();
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void equalsRPropTestWithoutCorrection(RFixture.Row r) {
		final IntervalEstimate arm1 = Wilson.interval(r.integer("a"), r.integer("n1"));
		final IntervalEstimate arm2 = Wilson.interval(r.integer("c"), r.integer("n2"));

		assertMatches("arm 1 lower", r.number("wilson1_lower"), arm1.lower());
		assertMatches("arm 1 upper", r.number("wilson1_upper"), arm1.upper());
		assertMatches("arm 2 lower", r.number("wilson2_lower"), arm2.lower());
		assertMatches("arm 2 upper", r.number("wilson2_upper"), arm2.upper());
	}

	@Test
	void noneOfTenByHand() {
		// p = 0: lower 0; upper = (z²/20 + z·√(z²/400)) / (1 + z²/10) = (z²/10)/(1 + z²/10),
		// z² = 3.841459: 0.3841459/1.3841459 = 0.277533
		final IntervalEstimate result = Wilson.interval(0, 10);

		assertThat(result.estimate()).isZero();
		assertThat(result.lower()).isZero();
		assertThat(result.upper()).isCloseTo(0.277533, within(1e-6));
	}

	@Test
	void noSubjectsIsNotEstimable() {
		assertThat(Wilson.interval(0, 0).estimate()).isNull();
	}
}
