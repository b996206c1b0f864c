package org.trialfhir.studyday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudyDaysTest {

	static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

	// day N = [T0 + 24(N-1) h, T0 + 24N h): closed at its start, open at its end (docs/scores-spec.md §1.1)
	@ParameterizedTest(name = "{0} -> day {1}")
	@CsvSource({
		"2026-01-05T09:00:00Z, 1", // T0 itself opens day 1
		"2026-01-06T08:59:59.999Z, 1", // last millisecond of day 1
		"2026-01-06T09:00:00Z, 2", // T0 + 24 h belongs to day 2
		"2026-01-14T09:00:00Z, 10", // T0 + 9·24 h opens day 10
		"2026-01-15T08:59:59Z, 10",
		"2026-01-05T08:59:59.999Z, 0", // just before randomization: day 0
		"2026-01-04T09:00:00Z, 0", // T0 - 24 h still day 0
		"2026-01-04T08:59:59.999Z, -1" // one millisecond earlier: day -1
	})
	void dayFollowsTheHalfOpenWindows(String at, int day) {
		assertThat(StudyDays.dayOf(T0, Instant.parse(at))).isEqualTo(day);
	}
}
