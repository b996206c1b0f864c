package org.trialfhir.completeness;

/**
 * One row of {@code $completeness}: an expected item of one subject's study day, or a finding.
 *
 * @param subject the ResearchSubject id
 * @param day     the study day
 * @param item    the item as {@code system|code} (a score: its trial-score code)
 * @param label   the item for people
 * @param status  what was found
 * @param focus   the resource the row is about ({@code Observation/…}, {@code Patient/…}), or null
 * @param detail  why, in words; empty when the status says it all
 */
record CompletenessRow(String subject, int day, String item, String label, ItemStatus status, String focus,
		String detail) {
}
