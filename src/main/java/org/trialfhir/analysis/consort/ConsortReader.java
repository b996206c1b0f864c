package org.trialfhir.analysis.consort;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.stereotype.Component;
import org.trialfhir.hapisql.Deaths;
import org.trialfhir.hapisql.Enrolment;
import org.trialfhir.hapisql.Enrolments;
import org.trialfhir.profiles.TrialCanonicals;

/**
 * Reads what the CONSORT flow of a study is counted from, as the server (the caller decides what its reader may see):
 * the study's ResearchSubjects from {@link Enrolments}, the failed criteria of its ineligible screening records, the
 * deaths ({@link Deaths}) and the administrations of the study drug (HAPI's search on MedicationAdministration.code).
 */
@Component
public class ConsortReader {

	private static final String STUDY_DRUG = TrialCanonicals.EXT_STUDY_DRUG;
	private static final String FAILED_CRITERION = TrialCanonicals.EXT_FAILED_CRITERION;
	static final String ARM_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-arm-type";

	private final DaoRegistry daos;
	private final Enrolments enrolments;
	private final Deaths deaths;

	ConsortReader(DaoRegistry daos, Enrolments enrolments, Deaths deaths) {
		this.daos = daos;
		this.enrolments = enrolments;
		this.deaths = deaths;
	}

	/** The study's flow data as of {@code asOf}, for the primary endpoint death by {@code mortalityDay}. */
	public ConsortData read(ResearchStudy study, int mortalityDay, Instant asOf) {
		String studyId = study.getIdElement().getIdPart();
		List<String> arms = study.getArm().stream().map(ResearchStudy.ResearchStudyArmComponent::getName).toList();
		Map<String, List<String>> failed = failedCriteria(studyId);
		List<ConsortRecord> records = new ArrayList<>();
		Set<String> patients = new HashSet<>();
		for (Enrolment e : enrolments.ofStudy(studyId)) {
			records.add(new ConsortRecord(e.researchSubjectId(), e.patientId(), e.status(), e.assignedArm(), e.t0(),
					e.periodEnd(), failed.getOrDefault(e.researchSubjectId(), List.of())));
			if (e.patientId() != null) {
				patients.add(e.patientId());
			}
		}
		Map<String, Instant> died = new HashMap<>();
		deaths.ofStudy(studyId).forEach((patient, death) -> {
			if (death.date() != null) {
				died.put(patient, death.date());
			}
		});
		CodeableConcept drug = study.getExtensionByUrl(STUDY_DRUG) != null
				&& study.getExtensionByUrl(STUDY_DRUG).getValue() instanceof CodeableConcept concept ? concept : null;
		boolean named = drug != null && drug.getCoding().stream().anyMatch(c -> c.hasSystem() && c.hasCode());
		return new ConsortData(arms, studyDrugArms(study), named, records,
				named ? administrations(drug, patients) : Map.of(), died, mortalityDay, asOf);
	}

	/** Arms typed {@code experimental}; when no arm is typed, the first arm (the treatment side of $analyze). */
	static Set<Integer> studyDrugArms(ResearchStudy study) {
		Set<Integer> typed = new HashSet<>();
		for (int i = 0; i < study.getArm().size(); i++) {
			if (study.getArm().get(i).getType().getCoding().stream()
					.anyMatch(c -> ARM_TYPE_SYSTEM.equals(c.getSystem()) && "experimental".equals(c.getCode()))) {
				typed.add(i);
			}
		}
		return typed.isEmpty() && !study.getArm().isEmpty() ? Set.of(0) : typed;
	}

	private Map<String, List<String>> failedCriteria(String studyId) {
		SearchParameterMap map = SearchParameterMap.newSynchronous(ResearchSubject.SP_STUDY,
				new ReferenceParam("ResearchStudy/" + studyId));
		map.add(ResearchSubject.SP_STATUS, new TokenParam("ineligible"));
		Map<String, List<String>> failed = new HashMap<>();
		daos.getResourceDao(ResearchSubject.class).searchForResources(map, new SystemRequestDetails()).forEach(r -> {
			ResearchSubject subject = (ResearchSubject) r;
			failed.put(subject.getIdElement().getIdPart(), subject.getExtensionsByUrl(FAILED_CRITERION).stream()
					.filter(e -> e.getValue() != null && e.getValue().hasPrimitiveValue())
					.map(e -> e.getValue().primitiveValue()).distinct().toList());
		});
		return failed;
	}

	/** Start of each administration of the drug to one of {@code patients}, per patient. */
	private Map<String, List<Instant>> administrations(CodeableConcept drug, Set<String> patients) {
		TokenOrListParam codes = new TokenOrListParam();
		drug.getCoding().stream().filter(c -> c.hasSystem() && c.hasCode())
				.forEach((Coding c) -> codes.addOr(new TokenParam(c.getSystem(), c.getCode())));
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(MedicationAdministration.SP_CODE, codes);
		Map<String, List<Instant>> given = new HashMap<>();
		daos.getResourceDao(MedicationAdministration.class).searchForResources(map, new SystemRequestDetails())
				.forEach(r -> {
					MedicationAdministration administration = (MedicationAdministration) r;
					String patient = administration.getSubject().getReferenceElement().getIdPart();
					Instant start = start(administration);
					if (patients.contains(patient) && start != null && given(administration)) {
						given.computeIfAbsent(patient, p -> new ArrayList<>()).add(start);
					}
				});
		return given;
	}

	private static boolean given(MedicationAdministration administration) {
		return !administration.hasStatus()
				|| !Set.of("entered-in-error", "not-done").contains(administration.getStatus().toCode());
	}

	private static Instant start(MedicationAdministration administration) {
		if (administration.getEffective() instanceof DateTimeType time && time.getValue() != null) {
			return time.getValue().toInstant();
		}
		if (administration.getEffective() instanceof Period period && period.getStart() != null) {
			return period.getStart().toInstant();
		}
		return null;
	}
}
