package org.trialfhir.scoring;

import java.time.Instant;
import java.util.Objects;

/**
 * Urine collected over {@code [start, end)} (Observation 9187-6 with {@code effectivePeriod}), in mL.
 * A period that straddles a day boundary is shared between the days in proportion to time.
 */
public record UrineOutput(Instant start, Instant end, double volumeMl, String source) {

	public UrineOutput {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("urine output period must end after it starts");
		}
		volumeMl = Round.six(volumeMl);
	}
}
