package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.trialfhir.stats.RFixture.assertMatches;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FisherTest {

	static Stream<Named<RFixture.Row>> rCases() {
		return TwoByTwoFixture.rows();
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void equalsRFisherTest(RFixture.Row r) {
		final PValueResult result = Fisher.twoSided(TwoByTwoFixture.table(r));

		if (r.integer("support") == 1) {
			// R answers p = 1 when the margins allow a single table; we call that not estimable
			assertThat(r.number("fisher_p")).isEqualTo(1.0);
			assertThat(result.p()).isNull();
			assertThat(result.notes()).isNotEmpty();
		} else {
			assertMatches("fisher p", r.number("fisher_p"), result.p());
		}
	}

	@Test
	void threeOfThreeVersusNoneOfThreeIsTwoTwentieths() {
		// margins: 6 subjects, 3 events, 3 in arm 1. P(X = i) = C(3,i)C(3,3−i)/C(6,3) = 1/20, 9/20, 9/20, 1/20;
		// the tables as unlikely as X = 3 are X = 0 and X = 3: p = 2/20
		assertThat(Fisher.twoSided(new TwoByTwo(3, 3, 0, 3)).p()).isCloseTo(0.1, within(1e-15));
	}

	@Test
	void mirrorTablesAreEquallyLikelyAndBothCount() {
		// 3/10 vs 7/10: 20 subjects, 10 events, 10 in arm 1, so P(X = i) = C(10,i)·C(10,10−i)/C(20,10)
		// is symmetric about 5 and P(X = 7) equals P(X = 3) (R's 1e-7 tolerance keeps rounding from
		// splitting them). Tables at least as unlikely: X ≤ 3 and X ≥ 7;
		// Σ_{i≤3} C(10,i)² = 1 + 100 + 2025 + 14400 = 16526, C(20,10) = 184756: p = 2·16526/184756
		assertThat(Fisher.twoSided(new TwoByTwo(3, 10, 7, 10)).p()).isCloseTo(2.0 * 16526 / 184756, within(1e-12));
	}

	@Test
	void noDeathsIsNotEstimableRatherThanPOne() {
		final PValueResult result = Fisher.twoSided(new TwoByTwo(0, 18, 0, 24));

		assertThat(result.p()).isNull();
		assertThat(result.notes()).singleElement().asString().startsWith("not estimable");
	}
}
