/**
 * The arm-level comparison itself ({@code Analysis.run}): what is asked ({@code AnalyzeRequest},
 * {@code AnalysisVariable}) and the results (mortality with Kaplan-Meier and log-rank, per-day Wilcoxon rank-sum,
 * change from baseline, DIC resolution, bleeding), on {@code org.trialfhir.stats}. Pure, so its numbers are checked
 * against R without a server.
 */
package org.trialfhir.analysis.compare;
