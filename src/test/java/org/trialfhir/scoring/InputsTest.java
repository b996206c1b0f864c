package org.trialfhir.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trialfhir.scoring.Days.T0;
import static org.trialfhir.scoring.Days.day;
import static org.trialfhir.scoring.Days.hour;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputsTest {

	@ParameterizedTest(name = "{0}10 -> {1}, flagged {2}")
	@CsvSource(delimiter = ';', value = {
		"<; 9.999999; true", "<=; 10; true", ">=; 10; true", ">; 10.000001; true",
	})
	void comparatorBoundsMoveByOneMillionth(String code, double expected, boolean flagged) {
		Measurement m = Measurement.of("Observation/1", T0, 10, ValueComparator.fromFhir(code));
		assertThat(m.value()).isEqualTo(expected);
		assertThat(m.comparatorUsed()).isEqualTo(flagged);
	}

	@Test
	void exactValueIsNotFlaggedAndAdIsNoMeasurement() {
		assertThat(Measurement.of("Observation/1", T0, 10, ValueComparator.fromFhir(null)).comparatorUsed()).isFalse();
		assertThatThrownBy(() -> ValueComparator.fromFhir("ad")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void valuesAreRoundedToSixDecimals() {
		assertThat(Measurement.of("Observation/1", T0, 14.4 / 12).value()).isEqualTo(1.2);
	}

	@Test
	void studyDaysAreHalfOpen24HourWindowsFromT0() {
		DayWindow day2 = DayWindow.studyDay(T0, 2);
		assertThat(day2.start()).isEqualTo(Instant.parse("2025-03-02T08:00:00Z"));
		assertThat(day2.end()).isEqualTo(Instant.parse("2025-03-03T08:00:00Z"));
		assertThat(DayWindow.studyDay(T0, 1).contains(hour(24))).isFalse(); // T0 + 24 h is day 2
		assertThat(day2.contains(hour(24))).isTrue();
		assertThat(DayWindow.studyDay(T0, 1).contains(T0)).isTrue();
	}

	@ParameterizedTest(name = "born {0}, on {1} -> {2} years")
	@CsvSource({"1950-03-01, 2025-03-01, 75", "1950-03-02, 2025-03-01, 74", "1980-02-29, 2025-02-28, 44"})
	void completedYears(LocalDate born, LocalDate on, int expected) {
		assertThat(PatientFacts.completedYears(born, on)).isEqualTo(expected);
	}

	@Test
	void preliminaryResultIsFlagged() {
		DayInputs in = day().add(Analyte.PLATELETS, Measurement.of("Observation/p", hour(2), 90).asPreliminary())
				.build();
		assertThat(Sofa.score(in).flags()).contains(Flag.PRELIMINARY_USED);
	}
}
