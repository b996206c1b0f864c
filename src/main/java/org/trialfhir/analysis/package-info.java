/**
 * {@code $analyze}: the operation (AnalyzeProvider → AnalyzeExecutor), its parameters and response formats, and the
 * reading of a study ({@code StudyReader}, through {@code org.trialfhir.hapisql}). The data shaping, the comparisons and
 * the rendering live in the sub-packages {@code data}, {@code compare} and {@code report}, in that order of dependency.
 */
package org.trialfhir.analysis;
