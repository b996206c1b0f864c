package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.trialfhir.stats.RFixture.assertMatches;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuantilesTest {

	static Stream<Named<RFixture.Row>> rCases() {
		return RFixture.cases("quantile.csv", "x");
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void equalsRQuantileType7(RFixture.Row r) {
		final double[] x = r.numbers("x");
		final double[] probs = r.numbers("probs");
		final double[] expected = r.numbers("quantiles");
		for (int i = 0; i < probs.length; i++) {
			assertMatches("p=" + probs[i], expected[i], Quantiles.type7(x, probs[i]));
		}
	}

	@Test
	void quartilesOfOneToFourByHand() {
		// n = 4: h = 3p + 1; p = .25 → h = 1.75 → 1 + 0.75·(2 − 1) = 1.75; median h = 2.5 → 2.5; p = .75 → 3.25
		// (type 6 would give 1.25 and 3.75, type 8 1.4167 and 3.5833)
		final Summary summary = Quantiles.summarize(new double[] {4, 1, Double.NaN, 3, 2});

		assertThat(summary.n()).isEqualTo(4);
		assertThat(summary.q1()).isCloseTo(1.75, within(1e-15));
		assertThat(summary.median()).isCloseTo(2.5, within(1e-15));
		assertThat(summary.q3()).isCloseTo(3.25, within(1e-15));
	}

	@Test
	void noValuesGivesNoQuantiles() {
		assertThat(Quantiles.summarize(new double[] {Double.NaN})).isEqualTo(new Summary(0, null, null, null));
	}
}
