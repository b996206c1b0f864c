/**
 * Data quality for the coordinators (docs/data-quality.md): the study's schedule of activities (a PlanDefinition, or
 * every score input daily on days 1–10), {@code $completeness} on a study or a subject (CompletenessProvider →
 * CompletenessRequest → CompletenessExecutor → Parameters, CSV or HTML), implausible values and the state of the
 * derived scores as findings, and the open data queries (Tasks).
 */
package org.trialfhir.completeness;
