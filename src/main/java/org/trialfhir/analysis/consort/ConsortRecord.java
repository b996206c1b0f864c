package org.trialfhir.analysis.consort;

import java.time.Instant;
import java.util.List;

/**
 * One ResearchSubject of the study as the flow counts it: a screening record (no T0, no arm) or a randomized subject.
 *
 * @param status         ResearchSubject.status as its code; null when absent
 * @param arm            ResearchSubject.assignedArm; null for a screening record
 * @param t0             ResearchSubject.period.start, the randomization time; null for a screening record
 * @param periodEnd      ResearchSubject.period.end (withdrawn, lost, completed); null while followed
 * @param failedCriteria the {@code failed-criterion} codes of an ineligible screening record, in record order
 */
public record ConsortRecord(String subjectId, String patientId, String status, String arm, Instant t0,
		Instant periodEnd, List<String> failedCriteria) {

	public ConsortRecord {
		failedCriteria = List.copyOf(failedCriteria);
	}
}
