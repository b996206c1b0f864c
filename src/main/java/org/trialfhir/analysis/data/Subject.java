package org.trialfhir.analysis.data;

import java.time.Instant;
import java.util.Objects;

/**
 * A randomized subject as {@code $analyze} sees it (docs/api.md §3).
 *
 * @param id         ResearchSubject id (the prefix of its derived-score identifiers)
 * @param patientId  Patient id of ResearchSubject.individual
 * @param arm        index into the study's arms: 0 = first arm of ResearchStudy.arm (x, the "treatment" side)
 * @param t0         ResearchSubject.period.start, the randomization time
 * @param death      Patient.deceasedDateTime; null when none is recorded
 * @param periodEnd  ResearchSubject.period.end (withdrawn, lost); null when still followed
 */
public record Subject(String id, String patientId, int arm, Instant t0, Instant death, Instant periodEnd) {

	public Subject {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(t0, "t0");
	}
}
