package org.trialfhir.stats;

/**
 * Median and quartiles of one arm's values, as R's {@code quantile(x, c(.25, .5, .75), type = 7)}.
 *
 * @param n number of non-missing values
 * @param median 50% quantile; null when n = 0
 * @param q1 25% quantile; null when n = 0
 * @param q3 75% quantile; null when n = 0
 */
public record Summary(int n, Double median, Double q1, Double q3) {
}
