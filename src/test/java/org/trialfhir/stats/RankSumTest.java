package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.trialfhir.stats.RFixture.assertMatches;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RankSumTest {

	static Stream<Named<RFixture.Row>> rCases() {
		return RFixture.cases("ranksum.csv", "id");
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void equalsRWilcoxTestWithConfInt(RFixture.Row r) {
		final RankSumResult result = RankSum.test(r.numbers("x"), r.numbers("y"));

		assertMatches("W", r.number("w"), result.w());
		assertMatches("p", r.number("p"), result.p());
		if (r.number("p") != null) {
			assertThat(result.method().label()).as("method").isEqualTo(r.text("method"));
		}
		assertMatches("estimate", r.number("estimate"), result.shift().estimate());
		final Double level = r.number("conf_level");
		if (level != null && level == 0) {
			// R returns a "0% interval"; we report none (see ExactShift)
			assertThat(result.shift().lower()).isNull();
			assertThat(result.shift().upper()).isNull();
			assertThat(result.shift().confidenceLevel()).isNull();
		} else {
			assertMatches("lower", r.number("lower"), result.shift().lower());
			assertMatches("upper", r.number("upper"), result.shift().upper());
			assertMatches("conf.level", level, result.shift().confidenceLevel());
		}
	}

	@Test
	void threeVersusThreeSeparatedIsExactTwoOfTwenty() {
		// C(6,3) = 20 equally likely splits of ranks; only {4,5,6} and {1,2,3} are as extreme
		// as the observed one, so two-sided p = 2/20 = 0.1. W = ranks 4+5+6 − 3·4/2 = 9.
		final RankSumResult result = RankSum.test(new double[] {4, 5, 6}, new double[] {1, 2, 3});

		assertThat(result.w()).isEqualTo(9.0);
		assertThat(result.p()).isCloseTo(0.1, within(1e-15));
		assertThat(result.method()).isEqualTo(TestMethod.EXACT);
		// differences xᵢ − yⱼ: 1,2,2,3,3,3,4,4,5; median 3. P(U ≤ 0) = 1/20 ≥ 0.025 so k = 1 and
		// the interval is [D(1), D(9)] = [1, 5], achieving 1 − 2/20 = 90% only.
		assertThat(result.shift()).isEqualTo(new LocationEstimate(3.0, 1.0, 5.0, 0.9));
		assertThat(result.notes()).anyMatch(n -> n.contains("90.0% interval"));
	}

	@Test
	void allValuesEqualIsNotEstimableRatherThanPOne() {
		// every rank is the same mid-rank: the variance is 0 and the statistic carries no information
		final RankSumResult result = RankSum.test(new double[] {2, 2, 2}, new double[] {2, 2, 2, 2});

		assertThat(result.p()).isNull();
		assertThat(result.w()).isEqualTo(6.0); // every rank 4: 3·4 − 3·4/2 = mn/2
		assertThat(result.shift()).isEqualTo(LocationEstimate.NONE);
		assertThat(result.notes()).containsExactly("not estimable: all values are equal");
	}

	@Test
	void emptyArmIsNotEstimable() {
		final RankSumResult result = RankSum.test(new double[] {Double.NaN}, new double[] {1, 2});

		assertThat(result.n1()).isZero();
		assertThat(result.n2()).isEqualTo(2);
		assertThat(result.p()).isNull();
		assertThat(result.notes()).containsExactly("not estimable: an arm has no values");
	}

	@Test
	void tiesSwitchToNormalApproximationWithContinuityCorrection() {
		// x = {1, 2}, y = {2, 3}: ranks 1, 2.5 | 2.5, 4; W = 3.5 − 3 = 0.5; E = 2; T = 2³ − 2 = 6;
		// σ² = (4/12)(5 − 6/12) = 1.5; z = (0.5 − 2 + 0.5)/√1.5 = −0.8165; p = 2Φ(−0.8165) = 0.41422
		final RankSumResult result = RankSum.test(new double[] {1, 2}, new double[] {2, 3});

		assertThat(result.w()).isEqualTo(0.5);
		assertThat(result.method()).isEqualTo(TestMethod.NORMAL_CC);
		assertThat(result.p()).isCloseTo(0.4142161782425252, within(1e-12));
	}

	@Test
	void negativeZeroTiesWithZeroAsInR() {
		// R: -0 == 0, so {−0, 1, 2} vs {0, 3, 4} has a tie: ranks 1.5, 3, 4 | 1.5, 5, 6; W = 8.5 − 6 = 2.5;
		// T = 6, σ² = (9/12)(7 − 6/30) = 5.1; z = (2.5 − 4.5 + 0.5)/√5.1; p = 2Φ(−1.5/√5.1) = 0.5065552
		final RankSumResult result = RankSum.test(new double[] {-0.0, 1, 2}, new double[] {0.0, 3, 4});

		assertThat(result.method()).isEqualTo(TestMethod.NORMAL_CC);
		assertThat(result.w()).isEqualTo(2.5);
		assertThat(result.p()).isCloseTo(0.5065552, within(1e-7));
	}
}
