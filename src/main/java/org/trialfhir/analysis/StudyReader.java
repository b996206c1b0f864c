package org.trialfhir.analysis;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.HasParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.security.BlindedStudies;

/**
 * Reads a study, its randomized subjects with their deaths, and the bleeding AdverseEvents through HAPI's DAOs (as
 * the system, so no client-facing hooks run), one search each.
 */
@Component
class StudyReader {

	/** HAPI's synchronous searches stop at 10,000 results unless told otherwise. */
	private static final int ALL = 1_000_000;

	private final DaoRegistry daos;

	StudyReader(DaoRegistry daos) {
		this.daos = daos;
	}

	/** The study, or HAPI's 404 / 410. */
	ResearchStudy study(String id) {
		return daos.getResourceDao(ResearchStudy.class).read(new IdType("ResearchStudy", id), new SystemRequestDetails());
	}

	/**
	 * The randomized subjects: ResearchSubjects of the study with an assigned arm named in ResearchStudy.arm and a
	 * period.start (T0). Others are left out with a note.
	 */
	StudyData read(ResearchStudy study) {
		String studyId = study.getIdElement().getIdPart();
		List<String> arms = study.getArm().stream().map(ResearchStudy.ResearchStudyArmComponent::getName).toList();
		Map<String, Patient> patients = patients(studyId);
		List<Subject> subjects = new ArrayList<>();
		Map<String, Integer> excluded = new LinkedHashMap<>();
		int undatedDeaths = 0;
		for (IBaseResource resource : search(ResearchSubject.class, ResearchSubject.SP_STUDY,
				new ReferenceParam("ResearchStudy/" + studyId))) {
			ResearchSubject subject = (ResearchSubject) resource;
			int arm = arms.indexOf(subject.getAssignedArm());
			if (arm < 0) {
				excluded.merge("no assigned arm of the study", 1, Integer::sum);
			} else if (subject.getPeriod().getStart() == null) {
				excluded.merge("no period.start (T0)", 1, Integer::sum);
			} else {
				String patientId = new IdType(subject.getIndividual().getReference()).getIdPart();
				Patient patient = patients.get(patientId);
				Instant death = null;
				if (patient != null && patient.hasDeceasedDateTimeType()) {
					death = patient.getDeceasedDateTimeType().getValue().toInstant();
				} else if (patient != null && patient.hasDeceasedBooleanType() && patient.getDeceasedBooleanType()
						.booleanValue()) {
					undatedDeaths++;
				}
				Instant end = subject.getPeriod().getEnd() == null ? null : subject.getPeriod().getEnd().toInstant();
				subjects.add(new Subject(subject.getIdElement().getIdPart(), patientId, arm,
						subject.getPeriod().getStart().toInstant(), death, end));
			}
		}
		List<String> notes = new ArrayList<>();
		excluded.forEach((why, count) -> notes.add(count + " ResearchSubject(s) left out: " + why));
		if (undatedDeaths > 0) {
			notes.add(undatedDeaths + " subject(s) deceased without a date (deceasedBoolean): not counted as deaths; "
					+ "record Patient.deceasedDateTime");
		}
		subjects.sort(java.util.Comparator.comparing(Subject::t0).thenComparing(Subject::id));
		return new StudyData(studyId, study.getTitle(), arms, subjects, BlindedStudies.isBlinded(study), notes);
	}

	/** AdverseEvents coded with CodeSystem bleeding-category in category or event (any study; filtered later). */
	List<BleedingEvent> bleeding() {
		Map<String, BleedingEvent> events = new LinkedHashMap<>();
		for (String parameter : List.of(AdverseEvent.SP_CATEGORY, AdverseEvent.SP_EVENT)) {
			for (IBaseResource resource : search(AdverseEvent.class, parameter,
					new TokenParam(BleedingEvent.SYSTEM, null))) {
				AdverseEvent event = (AdverseEvent) resource;
				String id = event.getIdElement().getIdPart();
				if (events.containsKey(id) || !event.getSubject().hasReference()) {
					continue;
				}
				Set<String> categories = new TreeSet<>();
				event.getCategory().forEach(c -> categories.addAll(bleedingCodes(c)));
				categories.addAll(bleedingCodes(event.getEvent()));
				Instant date = event.getDate() == null ? null : event.getDate().toInstant();
				events.put(id, new BleedingEvent(id, new IdType(event.getSubject().getReference()).getIdPart(), date,
						categories));
			}
		}
		return new ArrayList<>(events.values());
	}

	private static Set<String> bleedingCodes(CodeableConcept concept) {
		Set<String> codes = new TreeSet<>();
		for (Coding coding : concept.getCoding()) {
			if (BleedingEvent.SYSTEM.equals(coding.getSystem()) && BleedingEvent.CATEGORIES.contains(coding.getCode())
					&& !"any".equals(coding.getCode())) {
				codes.add(coding.getCode());
			}
		}
		return codes;
	}

	private Map<String, Patient> patients(String studyId) {
		Map<String, Patient> patients = new HashMap<>();
		for (IBaseResource resource : search(Patient.class, "_has",
				new HasParam("ResearchSubject", "individual", "study", "ResearchStudy/" + studyId))) {
			patients.put(resource.getIdElement().getIdPart(), (Patient) resource);
		}
		return patients;
	}

	private <T extends IBaseResource> List<IBaseResource> search(Class<T> type, String parameter,
			ca.uhn.fhir.model.api.IQueryParameterType value) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.setLoadSynchronousUpTo(ALL);
		map.add(parameter, value);
		return List.copyOf(daos.getResourceDao(type).searchForResources(map, new SystemRequestDetails()));
	}
}
