/**
 * The CONSORT 2025 participant flow of a study, counted from its records: screening and randomized ResearchSubjects,
 * administrations of the study drug, deaths and follow-up ends. {@link org.trialfhir.analysis.consort.ConsortReader}
 * reads a study's data, the pure {@link org.trialfhir.analysis.consort.ConsortFlow} counts the boxes and renders them
 * as a Parameters part, CSV rows and an SVG diagram (docs/analysis.md "CONSORT flow").
 */
package org.trialfhir.analysis.consort;
