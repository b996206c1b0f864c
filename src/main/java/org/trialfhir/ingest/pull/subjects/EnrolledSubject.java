package org.trialfhir.ingest.pull.subjects;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;

/**
 * A ResearchSubject whose data is pulled: its trial Patient, T0, and the Patient's identifiers (MRNs).
 *
 * @param researchSubjectId id part of the ResearchSubject
 * @param patientReference {@code Patient/<id>} of the trial Patient
 * @param t0 ResearchSubject.period.start
 * @param patientIdentifiers the trial Patient's identifiers
 */
public record EnrolledSubject(String researchSubjectId, String patientReference, Instant t0,
		List<Identifier> patientIdentifiers) {

	/** Data from 24 h before randomization on: the baseline day. */
	static final Duration BASELINE = Duration.ofHours(24);

	public Optional<String> mrn(String system) {
		return patientIdentifiers.stream()
				.filter(identifier -> system.equals(identifier.getSystem()) && identifier.hasValue())
				.map(Identifier::getValue)
				.findFirst();
	}

	public Instant pullFrom() {
		return t0.minus(BASELINE);
	}
}
