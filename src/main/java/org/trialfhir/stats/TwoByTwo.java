package org.trialfhir.stats;

/**
 * A 2×2 table of two arms: events (e.g. deaths) out of subjects. Arm 1 is the first arm of the
 * study (numerator of a risk ratio, minuend of a risk difference; first row of R's table).
 */
public record TwoByTwo(int events1, int n1, int events2, int n2) {

	public TwoByTwo {
		if (n1 < 0 || n2 < 0 || events1 < 0 || events2 < 0 || events1 > n1 || events2 > n2) {
			throw new IllegalArgumentException("need 0 ≤ events ≤ n in each arm: " + events1 + "/" + n1
					+ ", " + events2 + "/" + n2);
		}
	}

	int total() {
		return n1 + n2;
	}

	int events() {
		return events1 + events2;
	}

	int nonEvents() {
		return total() - events();
	}

	/** Cells in R's {@code matrix(c(a, c, b, d), 2)} order: a, c, b, d (column-major). */
	int[] cellsColumnMajor() {
		return new int[] {events1, events2, n1 - events1, n2 - events2};
	}
}
