package org.trialfhir.stats;

/**
 * Exact null distributions of the Wilcoxon statistics, with R's cumulative and quantile rules
 * (R {@code src/nmath/wilcox.c}: pwilcox, qwilcox; {@code signrank.c}: psignrank, qsignrank).
 *
 * <p>Rank-sum: the count of arrangements with U = u is the number of m-subsets of the ranks
 * 1..m+n whose rank sum is u + m(m+1)/2 (Mann &amp; Whitney 1947). Signed-rank: the count with
 * V = v is the number of subsets of 1..n summing to v (Wilcoxon 1945). Counts are built by
 * subset-sum dynamic programming in doubles, as R does.
 */
final class ExactNull {

	/** R's qwilcox and qsignrank move the target probability down by this much. */
	private static final double FUZZ = 10 * Math.ulp(1.0);

	private final double[] counts;
	private final double total;

	private ExactNull(double[] counts) {
		this.counts = counts;
		double sum = 0;
		for (double c : counts) {
			sum += c;
		}
		this.total = sum;
	}

	/** Null distribution of W = U for samples of sizes m and n (symmetric in m and n). */
	static ExactNull rankSum(int m, int n) {
		final int k = Math.min(m, n);
		final int size = m + n;
		final int maxSum = k * (2 * size - k + 1) / 2;
		final double[][] ways = new double[k + 1][maxSum + 1];
		ways[0][0] = 1;
		for (int rank = 1; rank <= size; rank++) {
			for (int j = Math.min(rank, k); j >= 1; j--) {
				for (int s = maxSum; s >= rank; s--) {
					ways[j][s] += ways[j - 1][s - rank];
				}
			}
		}
		final int offset = k * (k + 1) / 2;
		final double[] counts = new double[m * n + 1];
		System.arraycopy(ways[k], offset, counts, 0, counts.length);
		return new ExactNull(counts);
	}

	/** Null distribution of V for n non-zero differences. */
	static ExactNull signedRank(int n) {
		final int max = n * (n + 1) / 2;
		final double[] counts = new double[max + 1];
		counts[0] = 1;
		for (int i = 1; i <= n; i++) {
			for (int v = max; v >= i; v--) {
				counts[v] += counts[v - i];
			}
		}
		return new ExactNull(counts);
	}

	/** Largest value of the statistic (mn, or n(n+1)/2). */
	int max() {
		return counts.length - 1;
	}

	/** P(S ≤ q), summed over the shorter tail as R's pwilcox/psignrank do. */
	double cdf(int q) {
		if (q < 0) {
			return 0;
		}
		if (q >= max()) {
			return 1;
		}
		if (q <= max() / 2.0) {
			return tailSum(q);
		}
		return 1 - tailSum(max() - q - 1);
	}

	/** Smallest q with P(S ≤ q) ≥ p − 10ε, for p ≤ ½ (R's qwilcox/qsignrank, lower tail). */
	int lowerQuantile(double p) {
		final double target = p - FUZZ;
		double cumulative = 0;
		int q = 0;
		while (true) {
			cumulative += counts[q] / total;
			if (cumulative >= target || q == max()) {
				return q;
			}
			q++;
		}
	}

	private double tailSum(int q) {
		double p = 0;
		for (int i = 0; i <= q; i++) {
			p += counts[i] / total;
		}
		return p;
	}
}
