package org.trialfhir.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Pearson's chi-square test of a 2×2 table with Yates' continuity correction, as R's
 * {@code chisq.test(tab)} (correct = TRUE).
 *
 * <p>Source: Yates (1934), J. R. Stat. Soc. Suppl. 1:217; R 4.2.2 {@code chisq.test}:
 * E = row total · column total / N, Y = min(½, |O − E|), X² = Σ(|O − E| − Y)²/E on 1 degree of
 * freedom, p = P(χ²₁ ≥ X²). Neither Commons Statistics nor Commons Math has the correction.
 */
public final class ChiSquare {

    private static final ChiSquaredDistribution ONE_DF = ChiSquaredDistribution.of(1);

    private ChiSquare() {
    }

    public static PValueResult yates(TwoByTwo table) {
        final int[] observed = table.cellsColumnMajor();
        final double n = table.total();
        final double[] rows = {table.n1(), table.n2()};
        final double[] columns = {table.events(), table.nonEvents()};
        final double[] expected = new double[4];
        for (int c = 0; c < 2; c++) {
            for (int r = 0; r < 2; r++) {
                expected[2 * c + r] = rows[r] * columns[c] / n;
            }
        }
        double yates = 0.5;
        for (int i = 0; i < 4; i++) {
            if (!(expected[i] > 0)) {
                return PValueResult.notEstimable("not estimable: an expected count is 0"
                        + " (no events, all events or an empty arm)");
            }
            yates = Math.min(yates, Math.abs(observed[i] - expected[i]));
        }
        double statistic = 0;
        boolean small = false;
        for (int i = 0; i < 4; i++) {
            final double deviation = Math.abs(observed[i] - expected[i]) - yates;
            statistic += deviation * deviation / expected[i];
            small |= expected[i] < 5;
        }
        final List<String> notes = new ArrayList<>();
        if (small) {
            notes.add("an expected count is below 5: the chi-square approximation may be inaccurate (prefer Fisher)");
        }
        return new PValueResult(statistic, ONE_DF.survivalProbability(statistic), notes);
    }
}
