package org.trialfhir.ingest.pull.subjects;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.trialfhir.hapisql.Enrolment;

/**
 * A subject whose data is pulled: its enrolment (with a T0 and a Patient) and the Patient's identifiers (MRNs), by
 * which each source finds its own patient.
 *
 * @param patientIdentifiers the trial Patient's identifiers
 */
public record EnrolledSubject(Enrolment enrolment, List<Identifier> patientIdentifiers) {

	/** Data from 24 h before randomization on: the baseline day. */
	static final Duration BASELINE = Duration.ofHours(24);

	public String researchSubjectId() {
		return enrolment.researchSubjectId();
	}

	/** {@code Patient/<id>} of the trial Patient. */
	public String patientReference() {
		return enrolment.patientReference();
	}

	/** ResearchSubject.period.start. */
	public Instant t0() {
		return enrolment.t0();
	}

	public Optional<String> mrn(String system) {
		return patientIdentifiers.stream()
				.filter(identifier -> system.equals(identifier.getSystem()) && identifier.hasValue())
				.map(Identifier::getValue)
				.findFirst();
	}

	public Instant pullFrom() {
		return t0().minus(BASELINE);
	}
}
