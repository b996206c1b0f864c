package org.trialfhir.completeness;

/**
 * A data query (Task with code {@code trial-task|data-query}) not yet completed, cancelled, rejected or failed.
 *
 * @param task        {@code Task/<id>}
 * @param status      Task.status
 * @param subject     the ResearchSubject id of the Task's patient
 * @param focus       Task.focus ({@code Observation/…} or {@code ResearchSubject/…}), or null
 * @param description Task.description, or empty
 */
record OpenQuery(String task, String status, String subject, String focus, String description) {
}
