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

class LogRankTest {

	static Stream<Named<RFixture.Row>> rCases() {
		return SurvivalFixture.rows();
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void equalsRSurvdiff(RFixture.Row r) {
		final LogRankResult result = LogRank.test(SurvivalFixture.arm(r, 1), SurvivalFixture.arm(r, 2));

		assertMatches("chisq", r.number("logrank_chisq"), result.chiSquare());
		assertMatches("p", r.number("logrank_p"), result.p());
	}

	@Test
	void twoDeathsByHand() {
		// arm 1: death at 1, censored at 3; arm 2: death at 2, censored at 3.
		// t=1: n=4, n₁=2, d=1: E₁ += 1·2/4 = 0.5, V += 1·½·½·3/3 = 0.25
		// t=2: n=3, n₁=1, d=1: E₁ += 1/3, V += 1·⅓·⅔·2/2 = 2/9
		// O₁ = 1, E₁ = 5/6, V = 17/36: X² = (1/6)²/(17/36) = 1/17
		final LogRankResult result = LogRank.test(
				List.of(TimeToEvent.death(1), TimeToEvent.censored(3)),
				List.of(TimeToEvent.death(2), TimeToEvent.censored(3)));

		assertThat(result.observed1()).isEqualTo(1);
		assertThat(result.expected1()).isCloseTo(5.0 / 6, within(1e-12));
		assertThat(result.chiSquare()).isCloseTo(1.0 / 17, within(1e-12));
	}

	@Test
	void noDeathsIsNotEstimable() {
		final LogRankResult result = LogRank.test(List.of(TimeToEvent.censored(28)), List.of(TimeToEvent.censored(28)));

		assertThat(result.chiSquare()).isNull();
		assertThat(result.p()).isNull();
		assertThat(result.notes()).containsExactly("not estimable: no deaths in either arm");
	}
}
