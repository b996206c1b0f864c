package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.trialfhir.stats.RFixture.assertMatches;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignedRankTest {

	static Stream<Named<RFixture.Row>> rCases() {
		return RFixture.cases("signedrank.csv", "id");
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void equalsRPairedWilcoxTestWithConfInt(RFixture.Row r) {
		final SignedRankResult result = SignedRank.test(r.numbers("baseline"), r.numbers("followup"));

		assertThat(result.pairs()).as("complete pairs").isEqualTo(r.integer("pairs"));
		assertThat(result.droppedIncomplete()).as("incomplete").isEqualTo(r.integer("dropped_incomplete"));
		assertThat(result.droppedZero()).as("zero differences").isEqualTo(r.integer("dropped_zero"));
		final boolean degenerate = r.integer("pairs") == r.integer("dropped_zero");
		if (degenerate) {
			// R: V = 0 and p = NA when every difference is 0; so do we
			assertMatches("V", r.number("v"), result.v());
			assertThat(result.p()).isNull();
			assertThat(r.number("p")).isNull();
		} else {
			assertMatches("V", r.number("v"), result.v());
			assertMatches("p", r.number("p"), result.p());
			assertThat(result.method().label()).as("method").isEqualTo(r.text("method"));
		}
		assertMatches("estimate", r.number("estimate"), result.pseudoMedian().estimate());
		final Double level = r.number("conf_level");
		if (level != null && level == 0) {
			// R returns a "0% interval" (the median twice); we report none
			assertThat(result.pseudoMedian().lower()).isNull();
			assertThat(result.pseudoMedian().upper()).isNull();
			assertThat(result.pseudoMedian().confidenceLevel()).isNull();
		} else {
			assertMatches("lower", r.number("lower"), result.pseudoMedian().lower());
			assertMatches("upper", r.number("upper"), result.pseudoMedian().upper());
			assertMatches("conf.level", level, result.pseudoMedian().confidenceLevel());
		}
	}

	@Test
	void fiveIncreasesAreExactOneInSixteen() {
		// d = 1, 1.5, 2, 2.8, 6: all positive, V = 1+2+3+4+5 = 15; of 2⁵ = 32 sign patterns only
		// "all +" reaches 15 and only "all −" is as extreme: p = 2/32 = 0.0625
		final SignedRankResult result = SignedRank.test(new double[] {5, 6, 7, 8, 9}, new double[] {4, 4.5, 5, 5.2, 3});

		assertThat(result.v()).isEqualTo(15.0);
		assertThat(result.p()).isCloseTo(0.0625, within(1e-15));
		assertThat(result.method()).isEqualTo(TestMethod.EXACT);
		assertThat(result.pairs()).isEqualTo(5);
	}

	@Test
	void zeroDifferencesAreDroppedAndForceTheNormalApproximation() {
		// d = 0, 2, 3, −1: the zero is dropped; |d| = 2, 3, 1 ranks 2, 3, 1; V = 2 + 3 = 5, E = 3·4/4 = 3,
		// σ² = 3·4·7/24 = 3.5; z = (5 − 3 − 0.5)/√3.5 = 0.80178; p = 2(1 − Φ(0.80178)) = 0.42268
		final SignedRankResult result = SignedRank.test(new double[] {4, 5, 6, 1}, new double[] {4, 3, 3, 2});

		assertThat(result.droppedZero()).isEqualTo(1);
		assertThat(result.v()).isEqualTo(5.0);
		assertThat(result.method()).isEqualTo(TestMethod.NORMAL_CC);
		assertThat(result.p()).isCloseTo(0.4226781, within(1e-7));
	}

	@Test
	void allDifferencesZeroGivesVZeroAndNoPAsR() {
		// no difference is positive, so no rank is summed: V = 0; R's p is NA ("cannot compute exact p-value with
		// zeroes" and nothing left to rank)
		final SignedRankResult result = SignedRank.test(new double[] {2, 3, 4, 5}, new double[] {2, 3, 4, 5});

		assertThat(result.p()).isNull();
		assertThat(result.v()).isEqualTo(0.0);
		assertThat(result.method()).isNull();
		assertThat(result.pseudoMedian()).isEqualTo(LocationEstimate.NONE);
		assertThat(result.notes()).contains("p not estimable: all differences are zero");
	}

	@Test
	void noCompletePairLeavesVOut() {
		final SignedRankResult result = SignedRank.test(new double[] {2, Double.NaN}, new double[] {Double.NaN, 3});

		assertThat(result.v()).isNull();
		assertThat(result.p()).isNull();
		assertThat(result.notes()).contains("not estimable: no complete pairs");
	}

	@Test
	void pairsWithAMissingDayAreDroppedAndCounted() {
		final SignedRankResult result = SignedRank.test(
				new double[] {10, 12, Double.NaN, 14}, new double[] {7, Double.NaN, 6, 10});

		assertThat(result.pairs()).isEqualTo(2);
		assertThat(result.droppedIncomplete()).isEqualTo(2);
		assertThat(result.notes()).contains("2 pair(s) with a missing value dropped");
	}

	@Test
	void misalignedPairsAreRejected() {
		assertThatThrownBy(() -> SignedRank.test(new double[] {1, 2}, new double[] {1}))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
