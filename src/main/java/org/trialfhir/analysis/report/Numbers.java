package org.trialfhir.analysis.report;

/** How numbers are written in the CSV and the CSV-like parts: exactly (they round-trip to the same double). */
final class Numbers {

	private Numbers() {
	}

	/** Whole numbers without a fraction ({@code 12}), others as Java's shortest round-trip form. */
	static String format(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return Long.toString((long) value);
		}
		return Double.toString(value);
	}
}
