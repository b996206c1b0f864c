package org.trialfhir.randomization;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;

/**
 * Reads what screening needs from the FHIR store, as the server itself (no client authorization applies): the
 * patient's ResearchSubjects from {@link Enrolments}, the rest through HAPI's DAOs.
 */
@Component
class ScreeningReader {

	static final String SITE_SYSTEM = "http://trialfhir.org/fhir/sid/site";
	static final String TRIAL_SCORE_SYSTEM = "http://trialfhir.org/fhir/CodeSystem/trial-score";

	private final DaoRegistry daoRegistry;
	private final Enrolments enrolments;

	ScreeningReader(DaoRegistry daoRegistry, Enrolments enrolments) {
		this.daoRegistry = daoRegistry;
		this.enrolments = enrolments;
	}

	Optional<Patient> patient(IIdType id) {
		return read(Patient.class, id);
	}

	<T extends IBaseResource> Optional<T> read(Class<T> type, IIdType id) {
		try {
			return Optional.of(daoRegistry.getResourceDao(type).read(id.toUnqualifiedVersionless(),
					new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	/**
	 * @param since the oldest screening score of interest (the eligibility window)
	 * @param dicScore the score the DIC criterion reads: besides JAAM (always read, for the stratum), its diagnoses
	 */
	ScreeningFacts facts(Patient patient, String studyId, Instant since, Instant now, DicScore dicScore) {
		String patientRef = "Patient/" + patient.getIdElement().getIdPart();
		return new ScreeningFacts(
				latestPossibleBirthDate(patient),
				search(Condition.class, Condition.SP_SUBJECT, patientRef).stream()
						.filter(ConditionStatus::isActive).map(ScreeningReader::codings).toList(),
				jaamScores(patientRef, since),
				subjectsInStudy(patient, studyId).stream().filter(ScreeningReader::isEnrolment)
						.map(Enrolment::researchSubjectId).toList(),
				search(Consent.class, Consent.SP_PATIENT, patientRef).stream()
						.filter(consent -> ConsentStatus.isInForce(consent, now))
						.map(c -> c.getIdElement().getIdPart()).toList(),
				dicScore == DicScore.JAAM_DIC ? List.of() : diagnoses(patientRef, since, dicScore));
	}

	/**
	 * A ResearchSubject of the patient in the study that records screening, not enrolment (a pre-enrolment status, no
	 * arm): randomization completes that record rather than adding a second one.
	 */
	Optional<ResearchSubject> screeningRecord(Patient patient, String studyId) {
		return subjectsInStudy(patient, studyId).stream().filter(s -> !isEnrolment(s)).findFirst()
				.flatMap(s -> read(ResearchSubject.class, new IdType("ResearchSubject", s.researchSubjectId())));
	}

	/** Enrolled (or once enrolled): an arm, or any status after screening — on-study, follow-up, withdrawn, off-study… */
	static boolean isEnrolment(Enrolment subject) {
		return !subject.isScreening();
	}

	private List<Enrolment> subjectsInStudy(Patient patient, String studyId) {
		return enrolments.ofPatient(patient.getIdElement().getIdPart()).stream()
				.filter(s -> studyId.equals(s.studyId())).toList();
	}

	/** The site identifier value of the patient's managing organization, when it has one. */
	Optional<String> siteOf(Patient patient) {
		if (!patient.getManagingOrganization().hasReference()) {
			return Optional.empty();
		}
		return read(Organization.class, new IdType(patient.getManagingOrganization().getReference()))
				.flatMap(ScreeningReader::siteIdentifier);
	}

	/** Whether an Organization carries this site identifier: a typo must not open a new stratum. */
	boolean siteExists(String site) {
		SearchParameterMap map = SearchParameterMap.newSynchronous(Organization.SP_IDENTIFIER,
				new TokenParam(SITE_SYSTEM, site));
		return !daoRegistry.getResourceDao(Organization.class).searchForResources(map, new SystemRequestDetails()).isEmpty();
	}

	private static Optional<String> siteIdentifier(Organization organization) {
		return organization.getIdentifier().stream().filter(i -> SITE_SYSTEM.equals(i.getSystem()) && i.hasValue())
				.map(i -> i.getValue()).findFirst();
	}

	private List<ScreeningFacts.Score> jaamScores(String patientRef, Instant since) {
		return scores(patientRef, since, DicScore.JAAM_DIC).stream()
				.filter(o -> o.getValue() instanceof IntegerType value && value.getValue() != null)
				.flatMap(o -> effective(o).map(when -> new ScreeningFacts.Score(o.getIdElement().getIdPart(),
						((IntegerType) o.getValue()).getValue(), when)).stream())
				.toList();
	}

	/** The patient's scores of {@code dicScore} with their diagnosis component read; a score without a time is skipped. */
	private List<ScreeningFacts.Diagnosis> diagnoses(String patientRef, Instant since, DicScore dicScore) {
		return scores(patientRef, since, dicScore).stream()
				.flatMap(o -> effective(o).map(when -> new ScreeningFacts.Diagnosis(o.getIdElement().getIdPart(),
						diagnosis(o, dicScore), when)).stream())
				.toList();
	}

	/** True only for a {@code <score>-diagnosis} component of the score's system whose valueBoolean is true. */
	private static boolean diagnosis(Observation score, DicScore dicScore) {
		return score.getComponent().stream()
				.filter(c -> c.getCode().getCoding().stream().anyMatch(coding -> TRIAL_SCORE_SYSTEM.equals(
						coding.getSystem()) && dicScore.diagnosisComponent().equals(coding.getCode())))
				.anyMatch(c -> c.getValue() instanceof BooleanType value && Boolean.TRUE.equals(value.getValue()));
	}

	/** The patient's final (amended, corrected) Observations of the score, effective from {@code since} on. */
	private List<Observation> scores(String patientRef, Instant since, DicScore score) {
		SearchParameterMap map = SearchParameterMap.newSynchronous(Observation.SP_SUBJECT, new ReferenceParam(patientRef));
		map.add(Observation.SP_CODE, new TokenParam(TRIAL_SCORE_SYSTEM, score.code));
		map.add(Observation.SP_DATE, new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, Date.from(since)));
		return daoRegistry.getResourceDao(Observation.class).searchForResources(map, new SystemRequestDetails()).stream()
				.filter(o -> Set.of("final", "amended", "corrected").contains(o.getStatus().toCode())).toList();
	}

	private static Optional<Instant> effective(Observation observation) {
		if (observation.getEffective() instanceof DateTimeType time && time.getValue() != null) {
			return Optional.of(time.getValue().toInstant());
		}
		if (observation.getEffective() instanceof InstantType time && time.getValue() != null) {
			return Optional.of(time.getValue().toInstant());
		}
		if (observation.getEffective() instanceof Period period) {
			Date end = period.getEnd() != null ? period.getEnd() : period.getStart();
			return Optional.ofNullable(end).map(Date::toInstant);
		}
		return Optional.empty();
	}

	private <T extends IBaseResource> List<T> search(Class<T> type, String parameter, String patientRef) {
		SearchParameterMap map = SearchParameterMap.newSynchronous(parameter, new ReferenceParam(patientRef));
		return daoRegistry.getResourceDao(type).searchForResources(map, new SystemRequestDetails());
	}

	private static Set<String> codings(Condition condition) {
		return condition.getCode().getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode())
				.collect(Collectors.toSet());
	}

	/** A partial birth date (year, or year and month) counts as its last possible day: never too old by rounding. */
	static LocalDate latestPossibleBirthDate(Patient patient) {
		if (!patient.hasBirthDateElement() || patient.getBirthDateElement().getValue() == null) {
			return null;
		}
		var element = patient.getBirthDateElement();
		int year = element.getYear();
		return switch (element.getPrecision()) {
			case YEAR -> LocalDate.of(year, 12, 31);
			case MONTH -> LocalDate.of(year, element.getMonth() + 1, 1).plusMonths(1).minusDays(1);
			default -> LocalDate.of(year, element.getMonth() + 1, element.getDay());
		};
	}
}
