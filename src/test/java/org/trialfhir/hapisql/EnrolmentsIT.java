package org.trialfhir.hapisql;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.trialfhir.support.ServerSide;
import org.trialfhir.support.TrialFhirServerTest;
import org.trialfhir.support.TrialFixtures;

/**
 * Each query of {@link Enrolments} answers what HAPI's search of the same ResearchSubjects answers (mapped by
 * {@link Enrolment#of}), and what the fixture wrote: a subject on study, a screening record without T0 or arm, a
 * withdrawn one with a period end, one whose times carry +09:00, one whose period ends on a date (no time), one
 * screened out (a period end, no start), a deleted one, and the first patient's subject in another study.
 */
@TrialFhirServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentsIT {

	private static final Instant T0 = Instant.parse("2026-04-01T06:00:00Z");

	@Autowired
	Enrolments enrolments;

	@Autowired
	DaoRegistry daos;

	String study;
	String otherStudy;
	String twoStudiesPatient;
	Enrolment onStudy;
	Enrolment screening;
	Enrolment withdrawn;
	Enrolment tokyo;
	Enrolment endedOnADate;
	Enrolment endedInAMonth;
	Enrolment screenedOut;
	Enrolment inOtherStudy;
	String deleted;

	@BeforeAll
	void everyKindOfSubject() {
		study = create(TrialFixtures.study("enrolments " + UUID.randomUUID()));
		otherStudy = create(TrialFixtures.study("enrolments, other " + UUID.randomUUID()));
		twoStudiesPatient = patient();
		onStudy = subject(study, twoStudiesPatient, ResearchSubjectStatus.ONSTUDY, "rTM", T0, null);
		screening = subject(study, patient(), ResearchSubjectStatus.SCREENING, null, null, null);
		withdrawn = subject(study, patient(), ResearchSubjectStatus.WITHDRAWN, "control", T0.plusSeconds(3_600),
				T0.plus(Duration.ofDays(3)));
		String tokyoPatient = patient();
		ResearchSubject writtenInTokyo = TrialFixtures.subject("ResearchStudy/" + study, "Patient/" + tokyoPatient,
				"control", T0);
		writtenInTokyo.setPeriod(new Period().setStartElement(new DateTimeType("2026-04-01T15:00:00+09:00"))
				.setEndElement(new DateTimeType("2026-04-20T09:30:00+09:00")));
		String tokyoId = create(writtenInTokyo);
		tokyo = new Enrolment(tokyoId, study, tokyoPatient, T0, Instant.parse("2026-04-20T00:30:00Z"), "control",
				"on-study");
		// a date without time covers that whole day (HAPI's index and FHIR's reading of a period's end)
		endedOnADate = endedOn(study, "2026-04-29", LocalDate.of(2026, 4, 29));
		endedInAMonth = endedOn(study, "2026-05", LocalDate.of(2026, 5, 31));
		screenedOut = subject(study, patient(), ResearchSubjectStatus.INELIGIBLE, null, null, T0);
		deleted = subject(study, patient(), ResearchSubjectStatus.ONSTUDY, "rTM", T0, null).researchSubjectId();
		ServerSide.delete(daos, new IdType("ResearchSubject", deleted));
		inOtherStudy = subject(otherStudy, twoStudiesPatient, ResearchSubjectStatus.FOLLOWUP, "control",
				T0.plus(Duration.ofDays(10)), null);
	}

	@Test
	void ofStudyIsHapisSearchByStudy() {
		List<Enrolment> read = enrolments.ofStudy(study);

		assertThat(read).isEqualTo(hapi(SearchParameterMap.newSynchronous("study",
				new ReferenceParam("ResearchStudy/" + study))));
		assertThat(read).isEqualTo(byId(onStudy, screening, withdrawn, tokyo, endedOnADate, endedInAMonth, screenedOut));
	}

	@Test
	void ofPatientIsHapisSearchByIndividual() {
		List<Enrolment> read = enrolments.ofPatient(twoStudiesPatient);

		assertThat(read).isEqualTo(hapi(SearchParameterMap.newSynchronous("individual",
				new ReferenceParam("Patient/" + twoStudiesPatient))));
		assertThat(read).isEqualTo(byId(onStudy, inOtherStudy));
	}

	@Test
	void byIdIsHapisRead() {
		List<String> ids = new ArrayList<>(List.of(onStudy.researchSubjectId(), screening.researchSubjectId(),
				withdrawn.researchSubjectId(), tokyo.researchSubjectId(), endedOnADate.researchSubjectId(),
				endedInAMonth.researchSubjectId(),
				screenedOut.researchSubjectId(),
				inOtherStudy.researchSubjectId(), deleted, "never-stored-" + UUID.randomUUID()));
		for (String id : ids) {
			assertThat(enrolments.byId(id)).as(id)
					.isEqualTo(HapiSearch.read(daos, ResearchSubject.class, id).map(Enrolment::of));
		}
		assertThat(enrolments.byId(withdrawn.researchSubjectId())).contains(withdrawn);
		assertThat(enrolments.byId(deleted)).isEmpty();
	}

	@Test
	void withStatusIsHapisSearchByStatus() {
		List<String> followed = List.of("on-study", "follow-up");
		TokenOrListParam statuses = new TokenOrListParam();
		followed.forEach(status -> statuses.add(null, status));

		List<Enrolment> read = ofTheseStudies(enrolments.withStatus(followed));

		// both of the whole server, as the pull reads them; compared on this test's studies, as subjects other tests
		// stored through the DAOs may carry a T0 with milliseconds their JSON drops (HAPI indexes the Java Date)
		assertThat(read).isEqualTo(ofTheseStudies(hapi(SearchParameterMap.newSynchronous().add("status", statuses))));
		assertThat(read).isEqualTo(byId(onStudy, tokyo, inOtherStudy));
	}

	private List<Enrolment> ofTheseStudies(List<Enrolment> enrolments) {
		return enrolments.stream().filter(e -> study.equals(e.studyId()) || otherStudy.equals(e.studyId())).toList();
	}

	private List<Enrolment> hapi(SearchParameterMap map) {
		return HapiSearch.search(daos, ResearchSubject.class, map).stream().map(Enrolment::of)
				.sorted(Comparator.comparing(Enrolment::researchSubjectId)).toList();
	}

	private static List<Enrolment> byId(Enrolment... enrolments) {
		return List.of(enrolments).stream().sorted(Comparator.comparing(Enrolment::researchSubjectId)).toList();
	}

	private Enrolment subject(String studyId, String patientId, ResearchSubjectStatus status, String arm, Instant t0,
			Instant end) {
		ResearchSubject subject = new ResearchSubject().setStatus(status)
				.setStudy(new Reference("ResearchStudy/" + studyId))
				.setIndividual(new Reference("Patient/" + patientId)).setAssignedArm(arm);
		if (t0 != null || end != null) {
			subject.setPeriod(new Period().setStart(t0 == null ? null : Date.from(t0))
					.setEnd(end == null ? null : Date.from(end)));
		}
		return new Enrolment(create(subject), studyId, patientId, t0, end, arm, status.toCode());
	}

	private Enrolment endedOn(String studyId, String end, LocalDate lastDay) {
		String patientId = patient();
		ResearchSubject subject = TrialFixtures.subject("ResearchStudy/" + studyId, "Patient/" + patientId, "rTM", T0);
		subject.setStatus(ResearchSubjectStatus.OFFSTUDY).getPeriod().setEndElement(new DateTimeType(end));
		return new Enrolment(create(subject), studyId, patientId, T0,
				lastDay.atTime(23, 59, 59, 999_000_000).atZone(ZoneId.systemDefault()).toInstant(), "rTM", "off-study");
	}

	private String patient() {
		return create(TrialFixtures.patient("enrolments-" + UUID.randomUUID(), LocalDate.of(1950, 1, 1)));
	}

	private String create(IBaseResource resource) {
		return ServerSide.create(daos, resource).getIdPart();
	}
}
