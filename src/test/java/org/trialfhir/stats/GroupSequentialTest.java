package org.trialfhir.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.trialfhir.stats.GroupSequential.Boundary;
import org.trialfhir.stats.GroupSequential.Spending;

class GroupSequentialTest {

	static Stream<Named<RFixture.Row>> rCases() {
		return RFixture.cases("groupsequential.csv", "spending", "alpha", "rates");
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void boundariesEqualRpact(RFixture.Row r) {
		Spending spending = Spending.of(r.text("spending")).orElseThrow();
		List<Boundary> looks = GroupSequential.boundaries(spending, r.number("alpha"), r.numbers("rates"));

		double[] z = r.numbers("z");
		double[] nominal = r.numbers("nominal_p");
		double[] spent = r.numbers("alpha_spent");
		assertThat(looks).hasSize(z.length);
		for (int k = 0; k < z.length; k++) {
			Boundary look = looks.get(k);
			assertThat(look.look()).isEqualTo(k + 1);
			if (Double.isInfinite(z[k])) {
				assertThat(look.z()).as("look %d critical value", k + 1).isEqualTo(z[k]);
			} else {
				assertThat(look.z()).as("look %d critical value", k + 1).isCloseTo(z[k], within(RFixture.TOLERANCE));
			}
			assertThat(look.nominalP()).as("look %d nominal p", k + 1).isCloseTo(nominal[k],
					within(RFixture.TOLERANCE));
			assertThat(look.alphaSpent()).as("look %d alpha spent", k + 1).isCloseTo(spent[k],
					within(RFixture.TOLERANCE));
		}
	}

	@ParameterizedTest
	@MethodSource("rCases")
	void spendingFunctionsAsRpactDefinesThemForTwoSidedDesigns(RFixture.Row r) {
		Spending spending = Spending.of(r.text("spending")).orElseThrow();
		double[] rates = r.numbers("rates");
		double[] expected = r.numbers("spending_value");
		for (int k = 0; k < rates.length; k++) {
			assertThat(spending.cumulative(r.number("alpha"), rates[k])).isCloseTo(expected[k], within(1e-12));
		}
	}

	@Test
	void spendingFunctionsByHand() {
		// O'Brien-Fleming type, two-sided α = 0.05, t = 0.25: each side spends 2 − 2Φ(z_{0.0125}/0.5);
		// z_{0.0125} = 2.241402727604947, /0.5 = 4.482805455209894, Φ̄(4.4828) = 3.6834e-6 → 4 × that
		assertThat(Spending.OBRIEN_FLEMING.cumulative(0.05, 0.25)).isCloseTo(4 * 3.6834e-6, within(4e-10));
		// Pocock type: α ln(1 + (e − 1)/2) = 0.05 × ln(1.859140914) = 0.05 × 0.620115...
		assertThat(Spending.POCOCK.cumulative(0.05, 0.5)).isCloseTo(0.05 * Math.log(1 + (Math.E - 1) / 2),
				within(1e-15));
		assertThat(Spending.POCOCK.cumulative(0.05, 1)).isEqualTo(0.05);
		assertThat(Spending.OBRIEN_FLEMING.cumulative(0.01, 1)).isEqualTo(0.01);
	}

	@Test
	void oneLookIsTheFixedDesign() {
		Boundary only = GroupSequential.boundaries(Spending.POCOCK, 0.05, new double[] {1}).get(0);

		assertThat(only.z()).isCloseTo(1.959963984540054, within(1e-12));
		assertThat(only.nominalP()).isCloseTo(0.05, within(1e-12));
	}

	@Test
	void refusesRatesThatAreNotADesign() {
		assertThatThrownBy(() -> GroupSequential.boundaries(Spending.POCOCK, 0.05, new double[] {0.5, 0.9}))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> GroupSequential.boundaries(Spending.POCOCK, 0.05, new double[] {0.6, 0.5, 1}))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> GroupSequential.boundaries(Spending.POCOCK, 1.5, new double[] {1}))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
