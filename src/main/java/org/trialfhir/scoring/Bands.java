package org.trialfhir.scoring;

/**
 * A points table as cut points, highest first: a value gets the points of the first cut it reaches, else the
 * bottom points. {@code atLeast} cuts are closed below (v ≥ cut, the cut-point tiling of docs/scores-spec.md §1.6);
 * {@code above} cuts are open below (v &gt; cut, for the JMHW bands closed at the top).
 */
final class Bands {

	private final double[] cuts;
	private final int[] points;
	private final int bottom;
	private final boolean inclusive;

	private Bands(boolean inclusive, int bottom, double... cutPointPairs) {
		if (cutPointPairs.length % 2 != 0) {
			throw new IllegalArgumentException("cut/points pairs expected");
		}
		int n = cutPointPairs.length / 2;
		this.cuts = new double[n];
		this.points = new int[n];
		for (int i = 0; i < n; i++) {
			cuts[i] = cutPointPairs[2 * i];
			points[i] = (int) cutPointPairs[2 * i + 1];
			if (i > 0 && cuts[i] >= cuts[i - 1]) {
				throw new IllegalArgumentException("cuts must descend");
			}
		}
		this.bottom = bottom;
		this.inclusive = inclusive;
	}

	/** {@code atLeast(b, c1, p1, c2, p2, …)}: v ≥ c1 → p1, else v ≥ c2 → p2, …, else b. */
	static Bands atLeast(int bottom, double... cutPointPairs) {
		return new Bands(true, bottom, cutPointPairs);
	}

	/** {@code above(b, c1, p1, …)}: v &gt; c1 → p1, else v &gt; c2 → p2, …, else b. */
	static Bands above(int bottom, double... cutPointPairs) {
		return new Bands(false, bottom, cutPointPairs);
	}

	int score(double v) {
		for (int i = 0; i < cuts.length; i++) {
			if (inclusive ? v >= cuts[i] : v > cuts[i]) {
				return points[i];
			}
		}
		return bottom;
	}
}
