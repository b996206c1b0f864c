package org.trialfhir.derive;

import java.time.Instant;
import java.util.Objects;
import org.trialfhir.scoring.DayWindow;

/**
 * When an input applies: an instant ({@code to == from}), a period {@code [from, to)}, or a period still running
 * ({@code to == null}).
 */
record Span(Instant from, Instant to) {

	Span {
		Objects.requireNonNull(from, "from");
	}

	static Span at(Instant time) {
		return new Span(time, time);
	}

	boolean isInstant() {
		return from.equals(to);
	}

	/** True when the span lies in or overlaps the window (an instant: inside it, half-open). */
	boolean touches(DayWindow window) {
		if (isInstant()) {
			return window.contains(from);
		}
		return from.isBefore(window.end()) && (to == null || to.isAfter(window.start()));
	}
}
