package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.gas;
import static org.trialfhir.scoring.Days.m;

import org.junit.jupiter.api.Test;

/** docs/scores-spec.md §1.2 FiO₂ pairing and plausibility, observed through SOFA respiration (PaO₂ 90, on support). */
class FiO2PairingTest {

	private static Integer respiration(DayInputs in) {
		return Sofa.score(in).components().get("respiration");
	}

	@Test
	void chartedFio2ExactlyFourHoursBeforeTheGasIsPaired() {
		// gas 10 h, FiO2 0.5 charted 6 h: 90/0.5 = 180 < 200 on support -> 3
		DayInputs in = day().gas(gas(10, 90.0, null, null, null, true)).add(Analyte.FIO2, m(0.5, 6)).build();
		assertThat(respiration(in)).isEqualTo(3);
	}

	@Test
	void chartedFio2MoreThanFourHoursBeforeIsNotPaired() {
		// charted 4 h 1 s before: no FiO2 -> gas skipped -> respiration missing
		DayInputs in = day().gas(gas(10, 90.0, null, null, null, true))
				.add(Analyte.FIO2, m(0.5, 6 - 1.0 / 3600)).build();
		SofaResult r = Sofa.score(in);
		assertThat(r.components().get("respiration")).isNull();
		assertThat(r.flags()).contains(Flag.GAS_SKIPPED);
	}

	@Test
	void chartedFio2AfterTheGasIsNotPaired() {
		DayInputs in = day().gas(gas(10, 90.0, null, null, null, true)).add(Analyte.FIO2, m(0.5, 10.5)).build();
		assertThat(respiration(in)).isNull();
	}

	@Test
	void theLatestChartedValueWins() {
		// 0.3 at 7 h (P/F 300 -> 1) and 0.6 at 9 h (P/F 150 -> 3): latest is 0.6 -> 3
		DayInputs in = day().gas(gas(10, 90.0, null, null, null, true))
				.add(Analyte.FIO2, m(0.3, 7)).add(Analyte.FIO2, m(0.6, 9)).build();
		assertThat(respiration(in)).isEqualTo(3);
	}

	@Test
	void fio2ReportedWithTheGasBeatsChartedFio2() {
		// gas FiO2 0.3 -> 300 -> 1, although 0.6 was charted an hour before
		DayInputs in = day().gas(gas(10, 90.0, 0.3, null, null, true)).add(Analyte.FIO2, m(0.6, 9)).build();
		assertThat(respiration(in)).isEqualTo(1);
	}

	@Test
	void implausibleChartedFio2IsSkippedAndFlagged() {
		// 0.15 at 8 h (an O2 flow?) would give 600 -> 0; it is dropped, 0.6 at 7 h gives 150 -> 3
		DayInputs in = day().gas(gas(10, 90.0, null, null, null, true))
				.add(Analyte.FIO2, m(0.6, 7)).add(Analyte.FIO2, m(0.15, 8)).build();
		SofaResult r = Sofa.score(in);
		assertThat(r.components().get("respiration")).isEqualTo(3);
		assertThat(r.flags()).contains(Flag.FIO2_IMPLAUSIBLE);
	}

	@Test
	void implausibleGasFio2FallsBackToChartedFio2() {
		// gas FiO2 40 (a percent sent as a fraction) is dropped; 0.4 charted at 9 h: 90/0.4 = 225 -> 2
		DayInputs in = day().gas(gas(10, 90.0, 40.0, null, null, true)).add(Analyte.FIO2, m(0.4, 9)).build();
		SofaResult r = Sofa.score(in);
		assertThat(r.components().get("respiration")).isEqualTo(2);
		assertThat(r.flags()).contains(Flag.FIO2_IMPLAUSIBLE);
	}

	@Test
	void fio2OfTheBoundsIsPlausible() {
		// 0.21 and 1.0 are inside 0.21-1.0: 90/0.21 = 428.571429 -> 0; 90/1.0 = 90 on support -> 4
		assertThat(respiration(day().gas(gas(10, 90.0, 0.21, null, null, true)).build())).isZero();
		assertThat(respiration(day().gas(gas(10, 90.0, 1.0, null, null, true)).build())).isEqualTo(4);
	}

	@Test
	void chartedFio2FromThePreviousDayPairsWithAnEarlyGas() {
		// gas at 2 h, FiO2 0.5 charted at -1 h (3 h before, previous day): 180 -> 3
		DayInputs in = day().gas(gas(2, 90.0, null, null, null, true)).add(Analyte.FIO2, m(0.5, -1)).build();
		assertThat(respiration(in)).isEqualTo(3);
	}

	@Test
	void groupByTimeBuildsOneGasPerInstantWithItsOwnFio2() {
		var gases = ArterialGas.groupByTime(
				java.util.List.of(m(90, 3), m(70, 9)), java.util.List.of(m(40, 3)), java.util.List.of(m(7.3, 9)),
				java.util.List.of(), java.util.List.of(m(0.5, 3), m(0.4, 5)), t -> true);
		assertThat(gases).hasSize(2);
		assertThat(gases.get(0).fio2().value()).isEqualTo(0.5);
		assertThat(gases.get(0).paco2().value()).isEqualTo(40);
		assertThat(gases.get(1).fio2()).isNull(); // 0.4 at 5 h is a charted value, not this gas's own
		assertThat(gases.get(1).ph().value()).isEqualTo(7.3);
	}
}
