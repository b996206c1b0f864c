package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The B-value conditional power worked by hand for a look at t = 0.5 of the two-look O'Brien-Fleming-type design
 * (α = 0.05 two-sided, final critical value c₂ = 1.9685956, rpact), with Z' = 2 (benefit): B = 2·√0.5 = 1.4142136.
 */
class ConditionalPowerTest {

	private static final double FINAL = 1.9685956463217735;

	static Stream<Named<RFixture.Row>> rCases() {
		return RFixture.cases("conditionalpower.csv", "spending", "rate", "z");
	}

	/** rpact's conditional power at the first of two looks (conditionalpower.R): the same B-value formula. */
	@ParameterizedTest
	@MethodSource("rCases")
	void equalsRpactAtTheFirstOfTwoLooks(RFixture.Row r) {
		double z = r.number("z");
		double t = r.number("rate");

		assertThat(ConditionalPower.of(z, t, r.number("final_z"), ConditionalPower.currentTrendDrift(z, t)))
				.isCloseTo(r.number("cp_trend"), within(RFixture.TOLERANCE));
		assertThat(ConditionalPower.of(z, t, r.number("final_z"), 0)).isCloseTo(r.number("cp_null"),
				within(RFixture.TOLERANCE));
	}

	@Test
	void underTheCurrentTrend() {
		// θ = Z'/√t = 2.8284271; (c − B − θ(1 − t))/√(1 − t) = (1.9685956 − 1.4142136 − 1.4142136)/0.7071068
		// = −1.2159862; 1 − Φ(−1.2159862) = Φ(1.2159862) = 0.8880047
		double theta = ConditionalPower.currentTrendDrift(2, 0.5);

		assertThat(theta).isCloseTo(2.8284271, within(1e-6));
		assertThat(ConditionalPower.of(2, 0.5, FINAL, theta)).isCloseTo(0.8880047, within(1e-6));
	}

	@Test
	void underTheNull() {
		// (1.9685956 − 1.4142136)/0.7071068 = 0.7840214; 1 − Φ(0.7840214) = 0.2165158
		assertThat(ConditionalPower.of(2, 0.5, FINAL, 0)).isCloseTo(0.2165158, within(1e-6));
	}

	@Test
	void underADesignEffect() {
		// assumed mortality 0.30 vs 0.45, 50 + 50 planned: p̄ = 0.375,
		// θ = 0.15/√(0.375·0.625·(1/50 + 1/50)) = 0.15/0.0968246 = 1.5491933;
		// (1.9685956 − 1.4142136 − 0.7745967)/0.7071068 = −0.3115484; Φ(0.3115484) = 0.6222633
		assertThat(ConditionalPower.of(2, 0.5, FINAL, 1.5491933)).isCloseTo(0.6222633, within(1e-6));
	}

	@Test
	void harmfulTrendGivesLittlePower() {
		// Z' = −2: B = −1.4142136, θ = −2.8284271; (1.9685956 + 2.8284271)/0.7071068 = 6.7840214; Φ̄ ≈ 5.8e-12
		assertThat(ConditionalPower.of(-2, 0.5, FINAL, ConditionalPower.currentTrendDrift(-2, 0.5)))
				.isLessThan(1e-10);
	}

	@Test
	void needsAFractionBeforeTheEnd() {
		assertThatThrownBy(() -> ConditionalPower.of(1, 1, FINAL, 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> ConditionalPower.of(1, 0, FINAL, 0)).isInstanceOf(IllegalArgumentException.class);
	}
}
