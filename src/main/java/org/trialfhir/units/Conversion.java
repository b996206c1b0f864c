package org.trialfhir.units;

/** Outcome of converting one value: the canonical value, or a rejection an integration engineer can act on. */
public sealed interface Conversion {

	/** Value in {@code unit} (the canonical unit), rounded to 6 decimals (docs/scores-spec.md §1.3). */
	record Converted(double value, String unit) implements Conversion {
	}

	/** Not converted; {@code reason} says what was wrong and what to send instead. */
	record Rejected(String reason) implements Conversion {
	}

	default boolean accepted() {
		return this instanceof Converted;
	}
}
