package org.trialfhir.stats;

import java.util.Arrays;

/**
 * Mid-ranks as R's {@code rank()} gives them (ties get the average rank), and the tie term
 * T = Σ(t³ − t) over groups of equal values that both Wilcoxon variances subtract.
 * Values are compared as IEEE doubles, exactly as R compares them. Ranks are computed on primitive
 * arrays (a sorted copy and two binary searches per value): the Hodges-Lehmann root searches rank
 * the data hundreds of times, and Commons Statistics' {@code NaturalRanking}, used before, gave the
 * same mid-ranks several times slower.
 */
final class Ranks {

	private Ranks() {
	}

	static double[] of(double[] values) {
		final double[] unsignedZeros = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			// -0.0 + 0.0 is +0.0: R ranks -0 and 0 as a tie, Double.compare would not
			unsignedZeros[i] = values[i] + 0.0;
		}
		final double[] sorted = unsignedZeros.clone();
		Arrays.sort(sorted);
		final double[] ranks = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			final double v = unsignedZeros[i];
			if (Double.isNaN(v)) {
				throw new IllegalArgumentException("cannot rank NaN");
			}
			ranks[i] = midRank(sorted, v);
		}
		return ranks;
	}

	/** The mid-rank of {@code v} among {@code sorted} (ascending, without −0.0), which holds v. */
	static double midRank(double[] sorted, double v) {
		// the tie group of v occupies sorted[first..last]: ranks first+1..last+1, mid-rank their mean
		final int first = firstIndexOf(sorted, v);
		final int last = firstIndexAbove(sorted, v) - 1;
		return (first + last) / 2.0 + 1;
	}

	private static int firstIndexOf(double[] sorted, double v) {
		int low = 0;
		int high = sorted.length;
		while (low < high) {
			final int mid = (low + high) >>> 1;
			if (sorted[mid] < v) {
				low = mid + 1;
			} else {
				high = mid;
			}
		}
		return low;
	}

	private static int firstIndexAbove(double[] sorted, double v) {
		int low = 0;
		int high = sorted.length;
		while (low < high) {
			final int mid = (low + high) >>> 1;
			if (sorted[mid] <= v) {
				low = mid + 1;
			} else {
				high = mid;
			}
		}
		return low;
	}

	/** Σ(t³ − t) over tie groups; 0 when all values differ. */
	static double tieTerm(double[] values) {
		final double[] sorted = values.clone();
		Arrays.sort(sorted);
		return tieTermOfSorted(sorted);
	}

	/** {@link #tieTerm} of values already sorted ascending. */
	static double tieTermOfSorted(double[] sorted) {
		double sum = 0;
		int i = 0;
		while (i < sorted.length) {
			int j = i + 1;
			while (j < sorted.length && sorted[j] == sorted[i]) {
				j++;
			}
			final double t = j - i;
			sum += t * t * t - t;
			i = j;
		}
		return sum;
	}

	static boolean hasTies(double[] values) {
		return tieTerm(values) != 0;
	}
}
