package org.trialfhir.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.security.CurrentToken;

/**
 * Runs {@code $analyze} on a study: reads the study and its subjects, has missing or stale scores derived, reads each
 * variable with one query, and hands everything to the pure {@link Analysis}.
 */
@Component
class AnalyzeExecutor {

	private final StudyReader studies;
	private final IndexReader index;
	private final ScoreDerivation derivation;

	AnalyzeExecutor(StudyReader studies, IndexReader index, ScoreDerivation derivation) {
		this.studies = studies;
		this.index = index;
		this.derivation = derivation;
	}

	AnalysisResult run(String studyId, AnalyzeRequest request) {
		ResearchStudy study = studies.study(studyId);
		if (study.getArm().size() != 2) {
			throw TrialFhirException.unprocessable("$analyze compares two arms; ResearchStudy/" + studyId + " has "
					+ study.getArm().size());
		}
		StudyData data = studies.read(study);
		boolean armsShown = !data.blinded() || CurrentToken.get().map(t -> t.grants().isUnblinded()).orElse(false);
		if (!armsShown) {
			return Analysis.run(data, request, Map.of(), new DayTable(), List.of(), false);
		}
		derivation.ensureDerived(studyId, request.scoredDays());
		List<String> notes = new ArrayList<>(data.notes());
		Map<AnalysisVariable, DayTable> values = new HashMap<>();
		for (AnalysisVariable variable : request.variables()) {
			values.put(variable, variable.isScore()
					? DayTables.derived(data, variable.code(), index.derived(variable.code()))
					: DayTables.measured(data, variable.measured(), measured(data, variable, request), notes));
		}
		DayTable diagnosis = DayTables.derived(data, AnalysisVariable.JAAM_DIC, index.diagnoses(AnalysisVariable.JAAM_DIC));
		StudyData withNotes = new StudyData(data.id(), data.title(), data.arms(), data.subjects(), data.blinded(), notes);
		return Analysis.run(withNotes, request, values, diagnosis, studies.bleeding(), true);
	}

	/** The variable's values of the study's patients, from the first T0 to the end of the last day asked for. */
	private List<DayTables.Measured> measured(StudyData data, AnalysisVariable variable, AnalyzeRequest request) {
		if (data.subjects().isEmpty()) {
			return List.of();
		}
		Set<String> patients = data.subjects().stream().map(Subject::patientId).collect(Collectors.toSet());
		Instant from = data.subjects().stream().map(Subject::t0).min(Instant::compareTo).orElseThrow();
		Instant lastT0 = data.subjects().stream().map(Subject::t0).max(Instant::compareTo).orElseThrow();
		int lastDay = request.scoredDays().stream().mapToInt(Integer::intValue).max().orElse(1);
		return index.measured(variable.measured(), patients, from, lastT0.plusMillis(lastDay * WorstOfDay.DAY_MILLIS));
	}
}
