package org.trialfhir.analysis.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trialfhir.units.TrialVariable;

/** One value per study day (docs/scores-spec.md §1.1 windows, §1.4 worst value), worked out by hand. */
class WorstOfDayTest {

	private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

	@Test
	void dayNStartsAtT0Plus24TimesNMinus1HoursAndIsOpenAtItsEnd() {
		assertThat(WorstOfDay.studyDay(T0, T0)).isEqualTo(1);
		assertThat(WorstOfDay.studyDay(T0, at("2026-01-02T07:59:59.999Z"))).isEqualTo(1);
		assertThat(WorstOfDay.studyDay(T0, at("2026-01-02T08:00:00Z"))).isEqualTo(2); // exactly T0 + 24 h
		assertThat(WorstOfDay.studyDay(T0, at("2026-01-01T07:59:00Z"))).isEqualTo(0); // before randomization
		assertThat(WorstOfDay.studyDay(T0, at("2026-01-10T08:00:00Z"))).isEqualTo(10);
	}

	@Test
	void plateletsTakeTheLowestOfEachDay() {
		// day 1: 120, 85, 99 -> 85; day 2 (the 08:00 count belongs to it): 70, 140 -> 70
		Map<Integer, Double> days = byDay(DayRule.LOWEST, value("2026-01-01T09:00:00Z", 120),
				value("2026-01-01T21:00:00Z", 85), value("2026-01-02T07:00:00Z", 99),
				value("2026-01-02T08:00:00Z", 70), value("2026-01-02T20:00:00Z", 140));
		assertThat(days).containsExactlyInAnyOrderEntriesOf(Map.of(1, 85.0, 2, 70.0));
		assertThat(DayRule.of(TrialVariable.PLATELETS)).isEqualTo(DayRule.LOWEST);
	}

	@Test
	void bilirubinTakesTheHighest() {
		assertThat(byDay(DayRule.HIGHEST, value("2026-01-01T09:00:00Z", 1.1), value("2026-01-01T19:00:00Z", 2.4)))
				.containsEntry(1, 2.4);
		assertThat(DayRule.of(TrialVariable.BILIRUBIN)).isEqualTo(DayRule.HIGHEST);
	}

	@Test
	void unlistedVariablesTakeTheLastValueByTimeWhateverTheOrderGiven() {
		// SpO2 is not in §1.4: the 20:00 value (91) is the last of day 1
		assertThat(byDay(DayRule.LAST, value("2026-01-01T20:00:00Z", 91), value("2026-01-01T09:00:00Z", 97)))
				.containsEntry(1, 91.0);
		assertThat(DayRule.of(TrialVariable.SPO2)).isEqualTo(DayRule.LAST);
	}

	@Test
	void urineOutputIsTheDayTotal() {
		assertThat(byDay(DayRule.DAY_TOTAL, value("2026-01-01T09:00:00Z", 400), value("2026-01-01T21:00:00Z", 350)))
				.containsEntry(1, 750.0);
		assertThat(DayRule.of(TrialVariable.URINE_OUTPUT)).isEqualTo(DayRule.DAY_TOTAL);
	}

	@Test
	void twoSidedApacheVariablesKeepTheExtremeWithMorePoints() {
		// Knaus temperature: 34-35.9 -> 1 point, 39-40.9 -> 3 points: 39.2 is worse than 35.0
		assertThat(apache(TrialVariable.TEMPERATURE, value("2026-01-01T09:00:00Z", 35.0),
				value("2026-01-01T10:00:00Z", 39.2), value("2026-01-01T11:00:00Z", 37.0))).isEqualTo(39.2);
		// 35.0 (1 point) and 38.6 (38.5-38.9 -> 1 point) tie: the later one, 35.0 at 10:00
		assertThat(apache(TrialVariable.TEMPERATURE, value("2026-01-01T10:00:00Z", 35.0),
				value("2026-01-01T09:00:00Z", 38.6))).isEqualTo(35.0);
		// arterial pH 7.20 (7.15-7.24 -> 3 points) against 7.55 (7.50-7.59 -> 1 point)
		assertThat(apache(TrialVariable.PH, value("2026-01-01T09:00:00Z", 7.55), value("2026-01-01T10:00:00Z", 7.20)))
				.isEqualTo(7.20);
		// heart rate 45 (40-54 -> 3 points) against 125 (110-139 -> 2 points)
		assertThat(apache(TrialVariable.HEART_RATE, value("2026-01-01T09:00:00Z", 125),
				value("2026-01-01T10:00:00Z", 45))).isEqualTo(45.0);
	}

	@Test
	void apachePointsComeFromTheScoringTables() {
		// Knaus Table 2 (docs/scores-spec.md §4): 41 °C -> 4, 38.4 -> 0, sodium 118 -> 3 (111-119), WBC 0.9 -> 4 (< 1)
		assertThat(ApachePoints.of(TrialVariable.TEMPERATURE, 41)).isEqualTo(4);
		assertThat(ApachePoints.of(TrialVariable.TEMPERATURE, 38.4)).isEqualTo(0);
		assertThat(ApachePoints.of(TrialVariable.SODIUM, 118)).isEqualTo(3);
		assertThat(ApachePoints.of(TrialVariable.WBC, 0.9)).isEqualTo(4);
	}

	private static double apache(TrialVariable variable, Timed... values) {
		return WorstOfDay.byDay(T0, List.of(values), DayRule.of(variable), v -> ApachePoints.of(variable, v)).get(1);
	}

	private static Map<Integer, Double> byDay(DayRule rule, Timed... values) {
		return WorstOfDay.byDay(T0, List.of(values), rule, v -> {
			throw new AssertionError("not an APACHE rule");
		});
	}

	private static Timed value(String time, double value) {
		return new Timed(at(time), value);
	}

	private static Instant at(String time) {
		return Instant.parse(time);
	}
}
