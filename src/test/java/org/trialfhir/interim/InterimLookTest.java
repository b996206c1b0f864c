package org.trialfhir.interim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.interim.InterimResult.Power;
import org.trialfhir.interim.InterimResult.Statistic;
import org.trialfhir.stats.GroupSequential.Spending;

class InterimLookTest {

	private static final GroupSequentialDesign HALF = new GroupSequentialDesign(100, List.of(0.5, 1.0),
			Spending.OBRIEN_FLEMING, 0.05, Map.of());

	@Test
	void laterLooksSpendAlphaAtTheRecordedFractions() {
		List<String> notes = new ArrayList<>();
		double[] rates = InterimLook.rates(HALF, List.of(recorded(1, 0.42)), 2, 0.8, notes);

		assertThat(rates).containsExactly(0.42, 0.8, 1.0);
		assertThat(notes).anyMatch(note -> note.contains("recomputed on the actual information fractions"));
	}

	@Test
	void aLookNotRecordedUsesItsPlannedFraction() {
		GroupSequentialDesign quarters = new GroupSequentialDesign(100, List.of(0.25, 0.5, 0.75, 1.0),
				Spending.POCOCK, 0.05, Map.of());
		List<String> notes = new ArrayList<>();

		assertThat(InterimLook.rates(quarters, List.of(), 2, 0.4, notes)).containsExactly(0.25, 0.4, 0.75, 1.0);
		assertThat(notes).anyMatch(note -> note.contains("look 1 is not recorded"));
	}

	@Test
	void theFirstLookAsPlannedKeepsThePlan() {
		List<String> notes = new ArrayList<>();

		assertThat(InterimLook.rates(HALF, List.of(), 1, 0.5, notes)).containsExactly(0.5, 1.0);
		assertThat(notes).isEmpty();
	}

	@Test
	void aFractionNotBeyondThePreviousLookIsRefused() {
		assertThatThrownBy(() -> InterimLook.rates(HALF, List.of(recorded(1, 0.5)), 2, 0.5, new ArrayList<>()))
				.isInstanceOfSatisfying(TrialFhirException.class,
						e -> assertThat(e.kind()).isEqualTo(TrialFhirException.Kind.UNPROCESSABLE));
	}

	@Test
	void noLookAfterTheFinalOne() {
		assertThatThrownBy(() -> InterimLook.rates(HALF, List.of(recorded(1, 1.0)), 2, 1.0, new ArrayList<>()))
				.isInstanceOf(TrialFhirException.class);
	}

	@Test
	void theDecisionReadsTheSignOfZ() {
		assertThat(InterimLook.decision(-3.0, 2.96)).isEqualTo(InterimLook.EFFICACY);
		assertThat(InterimLook.decision(3.0, 2.96)).isEqualTo(InterimLook.HARM);
		assertThat(InterimLook.decision(-1.0, 2.96)).isEqualTo(InterimLook.CONTINUE);
		assertThat(InterimLook.decision(-9.0, Double.POSITIVE_INFINITY)).isEqualTo(InterimLook.CONTINUE);
	}

	@Test
	void noDeathsAtAllHasNoZ() {
		Statistic statistic = InterimLook.statistic(outcomes(5, 0, 5, 0), 2.96);

		assertThat(statistic.z()).isNull();
		assertThat(statistic.riskDifference()).isZero();
		assertThat(statistic.notes()).anyMatch(note -> note.contains("no deaths"));
	}

	@Test
	void anArmWithoutOutcomesHasNoStatistic() {
		assertThat(InterimLook.statistic(outcomes(0, 0, 5, 1), 2.96)).isNull();
	}

	@Test
	void conditionalPowerUnderTheDesignSplitsThePlannedSubjectsByTheAllocationRatio() {
		// 90 planned at 2:1 → n₁ = 60, n₂ = 30; assumed 0.30 vs 0.45, p̄ = 0.375:
		// θ = 0.15/√(0.375·0.625·(1/60 + 1/30)) = 1.3856406; z = −2 at t = 0.5, c₂ = 1.9685956:
		// 1 − Φ((1.9685956 − 1.4142136 − 0.6928203)/0.7071068) = Φ(0.1957812) = 0.5776093
		GroupSequentialDesign design = new GroupSequentialDesign(90, List.of(0.5, 1.0), Spending.OBRIEN_FLEMING,
				0.05, Map.of("rTM", 0.3, "control", 0.45));

		Power power = InterimLook.power(design, outcomes(10, 2, 10, 6), -2, 0.5, 1.9685956463217735, List.of(2, 1));

		assertThat(power.underDesign()).isCloseTo(0.5776093, within(1e-6));
	}

	private static RecordedLook recorded(int look, double fraction) {
		return new RecordedLook("b" + look, look, fraction, null, Instant.parse("2026-06-01T00:00:00Z"));
	}

	private static Outcomes outcomes(int n1, int d1, int n2, int d2) {
		return new Outcomes(28, List.of(new Outcomes.ArmOutcome("rTM", n1, d1), new Outcomes.ArmOutcome("control", n2,
				d2)), n1 + n2, 0);
	}
}
