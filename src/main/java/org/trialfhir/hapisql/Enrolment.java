package org.trialfhir.hapisql;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * A ResearchSubject as the trial reads it: which study, which patient, which T0, which arm, which status. Read from
 * HAPI's index by {@link Enrolments}, or from a ResearchSubject in hand by {@link #of(ResearchSubject)}; the two
 * agree (EnrolmentsIT). Any field but the id may be null: a screening record has no T0 and no arm yet.
 *
 * @param researchSubjectId id of the ResearchSubject
 * @param studyId           id of the ResearchStudy of ResearchSubject.study
 * @param patientId         id of the Patient of ResearchSubject.individual
 * @param t0                ResearchSubject.period.start, the randomization time
 * @param periodEnd         ResearchSubject.period.end (withdrawn, lost to follow-up, completed): the last instant it
 *                          covers, so a date without a time is the end of that day (of the month or year of a
 *                          partial date), in the server's time zone, as HAPI indexes it
 * @param assignedArm       ResearchSubject.assignedArm
 * @param status            ResearchSubject.status, as its code
 */
public record Enrolment(String researchSubjectId, String studyId, String patientId, Instant t0, Instant periodEnd,
		String assignedArm, String status) {

	/** The subject's facts as written in the resource (which may not be stored yet: a write in flight). */
	public static Enrolment of(ResearchSubject subject) {
		return new Enrolment(subject.getIdElement().getIdPart(), idOf(subject.getStudy(), "ResearchStudy"),
				idOf(subject.getIndividual(), "Patient"), instant(subject.getPeriod().getStart()),
				lastInstant(subject.getPeriod().getEndElement()), subject.getAssignedArm(),
				subject.hasStatus() ? subject.getStatus().toCode() : null);
	}

	/** ResearchSubject statuses (R4 research-subject-status) of a person not (yet) enrolled. */
	public static final Set<String> PRE_ENROLMENT = Set.of("potential-candidate", "candidate", "screening", "eligible",
			"ineligible", "pending-on-study", "not-registered");

	/**
	 * A record of screening, not of an enrolment: a pre-enrolment status and no arm (an ineligible patient's record of
	 * $randomize, say). Not a subject of the trial: no T0, no study days, not in an analysis — only in the CONSORT flow.
	 */
	public boolean isScreening() {
		return assignedArm == null && status != null && PRE_ENROLMENT.contains(status);
	}

	/** {@code Patient/<id>}, or null without a patient. */
	public String patientReference() {
		return patientId == null ? null : "Patient/" + patientId;
	}

	private static String idOf(Reference reference, String type) {
		IIdType id = reference.getReferenceElement();
		return type.equals(id.getResourceType()) && id.hasIdPart() ? id.getIdPart() : null;
	}

	private static Instant instant(Date date) {
		return date == null ? null : date.toInstant();
	}

	private static Instant lastInstant(DateTimeType end) {
		if (end.getValue() == null || end.getPrecision().compareTo(TemporalPrecisionEnum.DAY) > 0) {
			return instant(end.getValue());
		}
		LocalDate first = LocalDate.of(end.getYear(), end.getMonth() + 1, end.getDay());
		LocalDate last = switch (end.getPrecision()) {
			case YEAR -> first.withDayOfYear(first.lengthOfYear());
			case MONTH -> first.withDayOfMonth(first.lengthOfMonth());
			default -> first;
		};
		return last.atTime(LocalTime.MAX.truncatedTo(ChronoUnit.MILLIS)).atZone(ZoneId.systemDefault()).toInstant();
	}
}
