package org.trialfhir.stats;

import java.util.Arrays;
import org.apache.commons.statistics.ranking.NaNStrategy;
import org.apache.commons.statistics.ranking.NaturalRanking;
import org.apache.commons.statistics.ranking.TiesStrategy;

/**
 * Mid-ranks as R's {@code rank()} gives them (ties get the average rank), and the tie term
 * T = Σ(t³ − t) over groups of equal values that both Wilcoxon variances subtract.
 * Values are compared as IEEE doubles, exactly as R compares them.
 */
final class Ranks {

    private static final NaturalRanking AVERAGE = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private Ranks() {
    }

    static double[] of(double[] values) {
        final double[] unsignedZeros = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            // -0.0 + 0.0 is +0.0: R ranks -0 and 0 as a tie, Double.compare would not
            unsignedZeros[i] = values[i] + 0.0;
        }
        return AVERAGE.apply(unsignedZeros);
    }

    /** Σ(t³ − t) over tie groups; 0 when all values differ. */
    static double tieTerm(double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
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
