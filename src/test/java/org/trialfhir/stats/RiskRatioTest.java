package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.trialfhir.stats.RFixture.assertMatches;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RiskRatioTest {

	static Stream<Named<RFixture.Row>> rCases() {
		return TwoByTwoFixture.rows();
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void equalsKatzComputedInR(RFixture.Row r) {
		final IntervalEstimate result = RiskRatio.katz(TwoByTwoFixture.table(r));

		if (r.integer("a") + r.integer("c") == 0) {
			// R's formula with ½ added gives (n₂+1)/(n₁+1), a ratio of sample sizes; we call 0/0 not estimable
			assertThat(result.estimate()).isNull();
			return;
		}
		assertMatches("risk ratio", r.number("rr"), result.estimate());
		assertMatches("lower", r.number("rr_lower"), result.lower());
		assertMatches("upper", r.number("rr_upper"), result.upper());
		assertThat(result.notes().stream().anyMatch(n -> n.contains("Haldane")))
				.as("Haldane-Anscombe note").isEqualTo(r.integer("haldane") == 1);
	}

	@Test
	void threeOfEighteenVersusNineOfTwentyFourByHand() {
		// RR = (3/18)/(9/24) = 4/9; SE = √(1/3 − 1/18 + 1/9 − 1/24) = √0.3472222 = 0.5892557;
		// CI = (4/9)·exp(∓1.959964 · 0.5892557) = (4/9)·exp(∓1.1549199) = 0.4444444·(0.3150828 … 3.1737690)
		//    = 0.140037 … 1.410564
		final IntervalEstimate result = RiskRatio.katz(new TwoByTwo(3, 18, 9, 24));

		assertThat(result.estimate()).isCloseTo(4.0 / 9, within(1e-12));
		assertThat(result.lower()).isCloseTo(0.140037, within(1e-6));
		assertThat(result.upper()).isCloseTo(1.410564, within(1e-6));
		assertThat(result.notes()).isEmpty();
	}

	@Test
	void zeroCellAddsAHalfEverywhereAndSaysSo() {
		// 0/18 vs 5/24 → 0.5/19 over 5.5/25: RR = 0.5·25/(19·5.5) = 0.1196172
		final IntervalEstimate result = RiskRatio.katz(new TwoByTwo(0, 18, 5, 24));

		assertThat(result.estimate()).isCloseTo(12.5 / 104.5, within(1e-12));
		assertThat(result.notes()).singleElement().asString().contains("Haldane");
	}

	@Test
	void noEventsInEitherArmIsNotEstimable() {
		assertThat(RiskRatio.katz(new TwoByTwo(0, 18, 0, 24)).estimate()).isNull();
	}
}
