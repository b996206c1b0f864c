package org.trialfhir.derive;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.NumberParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.adjudication.AdjudicationTags;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;
import org.trialfhir.hapisql.StoredInputs;

/**
 * Reads what a derivation needs (as the system, not as the client): which subjects ({@link Enrolments}); the
 * subject's context through HAPI's DAOs (the ResearchSubject itself: the offset its T0 was written with is not in
 * HAPI's index); the patient's inputs in one SQL query ({@link StoredInputs}) and their derived scores with one HAPI
 * search (those are written back, so they keep their full {@code meta}), both narrowed to what the derived days
 * read.
 */
@Component
class TrialRecords {

	/** Far above a 28-day ICU stay's records; HAPI would otherwise cut a synchronous search at its default. */
	private static final int MAX_RECORDS = 200_000;
	/** The search parameter of the study-day extension every derived score carries. */
	private static final String STUDY_DAY = "study-day";

	private final DaoRegistry daos;
	private final Enrolments enrolments;
	private final StoredInputs inputs;
	private final ScoringProperties properties;

	TrialRecords(DaoRegistry daos, Enrolments enrolments, StoredInputs inputs, ScoringProperties properties) {
		this.daos = daos;
		this.enrolments = enrolments;
		this.inputs = inputs;
		this.properties = properties;
	}

	SubjectContext subject(String subjectId) {
		ResearchSubject subject = read(ResearchSubject.class, subjectId);
		Enrolment enrolment = Enrolment.of(subject);
		String patientId = enrolment.patientId();
		if (patientId == null) {
			throw TrialFhirException.unprocessable("ResearchSubject/" + subjectId + " has no individual (Patient)");
		}
		if (enrolment.t0() == null) {
			throw TrialFhirException.unprocessable("ResearchSubject/" + subjectId
					+ " has no period.start (T0, the randomisation time): its study days are undefined");
		}
		DateTimeType t0 = subject.getPeriod().getStartElement();
		ZoneId zone = t0.getTimeZone() == null ? ZoneOffset.UTC : t0.getTimeZone().toZoneId();
		Patient patient = read(Patient.class, patientId);
		String site = siteOf(patient);
		return new SubjectContext(subjectId, patientId, enrolment.t0(), zone, birthDate(patient), site,
				properties.settingsFor(site), properties.allowsPreliminary(site));
	}

	/**
	 * What a derivation of {@code selection} reads: the inputs its days can use ({@link DayReach}) and the derived
	 * scores of its days (of every day when the days are explicit).
	 */
	PatientRecords records(SubjectContext subject, DaySelection selection) {
		String patientId = subject.patientId();
		// a pulled value waiting for adjudication counts nowhere, even at a site that counts preliminary results
		List<IBaseResource> stored = inputs.of(patientId, DerivedObservations.IDENTIFIER_SYSTEM,
				new Coding(AdjudicationTags.SYSTEM, AdjudicationTags.PENDING, null), DayReach.inputsOf(subject, selection));
		SearchParameterMap derived = SearchParameterMap
				.newSynchronous("subject", new ReferenceParam("Patient/" + patientId))
				.add("identifier", new TokenParam(DerivedObservations.IDENTIFIER_SYSTEM, null));
		if (selection.explicit() == null) {
			derived.add(STUDY_DAY, new NumberParam("ge" + selection.from()));
			if (selection.to() != null) {
				derived.add(STUDY_DAY, new NumberParam("le" + selection.to()));
			}
		}
		return new PatientRecords(only(Observation.class, stored), only(Procedure.class, stored),
				only(MedicationAdministration.class, stored), search(Observation.class, derived));
	}

	List<String> subjectsOfStudy(String studyId) {
		read(ResearchStudy.class, studyId);
		return ids(enrolments.ofStudy(studyId));
	}

	List<String> subjectsOfPatient(String patientId) {
		return ids(enrolments.ofPatient(patientId));
	}

	/** Deleting a derived Observation that no longer has inputs. */
	IFhirResourceDao<Observation> observations() {
		return daos.getResourceDao(Observation.class);
	}

	private String siteOf(Patient patient) {
		if (!patient.getManagingOrganization().hasReference()) {
			return null;
		}
		IdType org = new IdType(patient.getManagingOrganization().getReference());
		if (!org.hasIdPart()) {
			return null;
		}
		try {
			Organization organization = daos.getResourceDao(Organization.class).read(org.toUnqualifiedVersionless(),
					new SystemRequestDetails());
			return organization.getIdentifier().stream().filter(i -> SubjectContext.SITE_SYSTEM.equals(i.getSystem()))
					.map(Identifier::getValue).findFirst().orElse(null);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	/** A full birth date; a year or year-month only is treated as not recorded (age could be a band off). */
	private static LocalDate birthDate(Patient patient) {
		DateType birth = patient.getBirthDateElement();
		if (!birth.hasValue() || birth.getPrecision() != TemporalPrecisionEnum.DAY) {
			return null;
		}
		return LocalDate.of(birth.getYear(), birth.getMonth() + 1, birth.getDay());
	}

	private <T extends IBaseResource> T read(Class<T> type, String id) {
		try {
			return daos.getResourceDao(type).read(new IdType(type.getSimpleName(), id), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw TrialFhirException.notFound(type.getSimpleName() + "/" + id + " is not known");
		}
	}

	@SuppressWarnings("unchecked")
	private <T extends IBaseResource> List<T> search(Class<T> type, SearchParameterMap map) {
		map.setLoadSynchronousUpTo(MAX_RECORDS);
		return (List<T>) (List<?>) daos.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources();
	}

	private static <T extends IBaseResource> List<T> only(Class<T> type, List<IBaseResource> resources) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** Without screening records (no T0, no arm): they have no study days to score. */
	private static List<String> ids(List<Enrolment> enrolments) {
		return enrolments.stream().filter(e -> !(e.isScreening() && e.t0() == null)).map(Enrolment::researchSubjectId)
				.toList();
	}
}
