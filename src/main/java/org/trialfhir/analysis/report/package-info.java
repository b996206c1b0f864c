/**
 * Renders an {@code AnalysisResult}: FHIR Parameters, CSV, and the HTML report with its inline SVG charts.
 */
package org.trialfhir.analysis.report;
