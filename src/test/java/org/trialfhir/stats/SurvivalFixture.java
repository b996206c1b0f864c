package org.trialfhir.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The two-arm survival datasets of survival.csv. */
final class SurvivalFixture {

	private SurvivalFixture() {
	}

	static Stream<Named<RFixture.Row>> rows() {
		return RFixture.cases("survival.csv", "id");
	}

	static List<TimeToEvent> arm(RFixture.Row r, int arm) {
		final double[] times = r.numbers("time" + arm);
		final double[] events = r.numbers("event" + arm);
		final List<TimeToEvent> subjects = new ArrayList<>();
		for (int i = 0; i < times.length; i++) {
			subjects.add(new TimeToEvent(times[i], events[i] == 1));
		}
		return subjects;
	}
}
