/**
 * {@code $interim}: the group-sequential monitoring of the primary endpoint (docs/interim.md) — the design stored on
 * the study, the look's statistic, boundaries and conditional power, the recorded looks and the DSMB report.
 */
package org.trialfhir.interim;
