package org.trialfhir.stats;

/**
 * The Kaplan-Meier curve at one death time, as a row of R's {@code summary(survfit(...))}.
 *
 * @param time death time
 * @param atRisk subjects with follow-up ≥ time (those censored at this time still count)
 * @param events deaths at this time
 * @param survival S(time)
 * @param standardError Greenwood standard error of S; null once S = 0 (R: NaN)
 * @param lower lower 95% limit, log scale; null once S = 0 (R: NA)
 * @param upper upper 95% limit, log scale, capped at 1; null once S = 0
 */
public record KaplanMeierStep(double time, int atRisk, int events, double survival, Double standardError,
		Double lower, Double upper) {
}
