package org.trialfhir.analysis.baseline;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import org.trialfhir.analysis.data.DayTable;
import org.trialfhir.analysis.data.DayTables;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.analysis.data.WorstOfDay;
import org.trialfhir.hapisql.ObservationIndex;
import org.trialfhir.profiles.TrialCanonicals;
import org.trialfhir.units.TrialVariable;

/**
 * Reads the baseline characteristics of a study's randomized subjects, as the server: the Patient (age at T0, sex),
 * its managing organization's site identifier, the derived scores of study day 1 and the day-1 platelets and PT-INR
 * (one value per day by the variable's rule, as $analyze takes them).
 */
@Component
public class BaselineReader {

	static final String DERIVED_SCORE_SYSTEM = TrialCanonicals.SID_DERIVED_SCORE;
	private static final int DAY = 1;
	private static final int PATIENT_BATCH = 500;

	private final DaoRegistry daos;
	private final ObservationIndex index;

	BaselineReader(DaoRegistry daos, ObservationIndex index) {
		this.daos = daos;
		this.index = index;
	}

	/**
	 * @param derivedScores the derived score values of the server when the caller has read them already (one query
	 *     serves every score), else null
	 */
	public BaselineTable table(StudyData study, List<ObservationIndex.Identified> derivedScores) {
		List<Subject> subjects = study.subjects();
		if (subjects.isEmpty()) {
			return BaselineTable.of(study.arms(), List.of());
		}
		List<ObservationIndex.Identified> scores = derivedScores != null ? derivedScores
				: index.integerValues(DERIVED_SCORE_SYSTEM);
		DayTable apache = DayTables.derived(study, "apache-ii", scores);
		DayTable sofa = DayTables.derived(study, "sofa", scores);
		DayTable jaam = DayTables.derived(study, "jaam-dic", scores);
		DayTable platelets = measured(study, TrialVariable.PLATELETS);
		DayTable inr = measured(study, TrialVariable.INR);
		Map<String, Patient> patients = patients(subjects.stream().map(Subject::patientId).distinct().toList());
		Map<String, Optional<String>> sites = new HashMap<>();
		List<BaselineSubject> rows = new ArrayList<>();
		for (Subject subject : subjects) {
			Optional<Patient> patient = Optional.ofNullable(patients.get(subject.patientId()));
			String site = patient.filter(p -> p.getManagingOrganization().hasReference())
					.flatMap(p -> sites.computeIfAbsent(p.getManagingOrganization().getReference(), this::siteOf))
					.orElse(null);
			rows.add(new BaselineSubject(subject.arm(), patient.map(p -> age(p, subject.t0())).orElse(null),
					patient.filter(Patient::hasGender).map(p -> p.getGender().toCode()).orElse(null), site,
					apache.get(subject.id(), DAY), sofa.get(subject.id(), DAY), jaam.get(subject.id(), DAY),
					platelets.get(subject.id(), DAY), inr.get(subject.id(), DAY)));
		}
		return BaselineTable.of(study.arms(), rows);
	}

	/** The patients by id, read by {@code _id} in batches (one query each, not one read per subject). */
	private Map<String, Patient> patients(List<String> ids) {
		Map<String, Patient> byId = new HashMap<>();
		for (int from = 0; from < ids.size(); from += PATIENT_BATCH) {
			TokenOrListParam batch = new TokenOrListParam();
			ids.subList(from, Math.min(ids.size(), from + PATIENT_BATCH)).forEach(id -> batch.addOr(new TokenParam(id)));
			SearchParameterMap map = SearchParameterMap.newSynchronous();
			map.add("_id", batch);
			daos.getResourceDao(Patient.class).searchForResources(map, new SystemRequestDetails())
					.forEach(p -> byId.put(p.getIdElement().getIdPart(), (Patient) p));
		}
		return byId;
	}

	private DayTable measured(StudyData study, TrialVariable variable) {
		Instant from = study.subjects().stream().map(Subject::t0).min(Instant::compareTo).orElseThrow();
		Instant to = study.subjects().stream().map(Subject::t0).max(Instant::compareTo).orElseThrow()
				.plusMillis(DAY * WorstOfDay.DAY_MILLIS);
		// notes on refused units are $analyze's to give (it reads the same values); not repeated here
		return DayTables.measured(study, variable, index.measured(variable.system(), variable.codes(), from, to),
				new ArrayList<>());
	}

	/** Completed years at T0 (UTC) from a full birth date; null for a partial or missing one. */
	static Integer age(Patient patient, Instant t0) {
		DateType birth = patient.getBirthDateElement();
		if (!birth.hasValue() || birth.getPrecision() != TemporalPrecisionEnum.DAY) {
			return null;
		}
		LocalDate born = LocalDate.of(birth.getYear(), birth.getMonth() + 1, birth.getDay());
		return Period.between(born, LocalDate.ofInstant(t0, ZoneOffset.UTC)).getYears();
	}

	private Optional<String> siteOf(String organization) {
		return read(Organization.class, organization).flatMap(o -> o.getIdentifier().stream()
				.filter(i -> TrialCanonicals.SID_SITE.equals(i.getSystem()) && i.hasValue()).map(i -> i.getValue())
				.findFirst());
	}

	private <T extends org.hl7.fhir.instance.model.api.IBaseResource> Optional<T> read(Class<T> type, String ref) {
		IdType id = new IdType(ref);
		if (!id.hasIdPart() || !type.getSimpleName().equals(id.getResourceType())) {
			return Optional.empty();
		}
		try {
			return Optional.of(daos.getResourceDao(type).read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}
}
