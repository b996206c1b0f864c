/**
 * The baseline table ("Table 1") of a study: per arm and pooled, the number randomized, age, sex, site and the day-1
 * APACHE II, SOFA, JAAM DIC, platelets and PT-INR, as median [Q1–Q3] (R's {@code quantile(type = 7)}) or n (%).
 * {@link org.trialfhir.analysis.baseline.BaselineTable} is pure and renders itself as a Parameters part, CSV rows and
 * an HTML table (docs/analysis.md "Baseline table").
 */
package org.trialfhir.analysis.baseline;
