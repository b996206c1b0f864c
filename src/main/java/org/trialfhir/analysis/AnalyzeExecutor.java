package org.trialfhir.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.security.CurrentToken;

/**
 * Runs {@code $analyze} on a study: reads the study and its subjects, has missing or stale scores derived, reads each
 * variable with one query, and hands everything to the pure {@link Analysis}.
 */
@Component
class AnalyzeExecutor {

	private static final Logger log = LoggerFactory.getLogger(AnalyzeExecutor.class);

	private final StudyReader studies;
	private final ObservationIndex index;
	private final ScoreDerivation derivation;

	AnalyzeExecutor(StudyReader studies, ObservationIndex index, ScoreDerivation derivation) {
		this.studies = studies;
		this.index = index;
		this.derivation = derivation;
	}

	AnalysisResult run(String studyId, AnalyzeRequest request) {
		long started = System.nanoTime();
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
		long studyRead = System.nanoTime();
		derivation.ensureDerived(studyId, request.scoredDays());
		long derivationDone = System.nanoTime();
		List<String> notes = new ArrayList<>(data.notes());
		Map<AnalysisVariable, DayTable> values = new HashMap<>();
		List<String> scores = request.variables().stream().filter(AnalysisVariable::isScore)
				.map(AnalysisVariable::code).toList();
		Map<String, List<DayTables.Derived>> derived = scores.isEmpty() ? Map.of() : index.derived(scores);
		for (AnalysisVariable variable : request.variables()) {
			values.put(variable, variable.isScore()
					? DayTables.derived(data, variable.code(), derived.get(variable.code()))
					: DayTables.measured(data, variable.measured(), measured(data, variable, request), notes));
		}
		DayTable diagnosis = DayTables.derived(data, AnalysisVariable.JAAM_DIC, index.diagnoses(AnalysisVariable.JAAM_DIC));
		List<BleedingEvent> bleeding = studies.bleeding();
		long valuesRead = System.nanoTime();
		StudyData withNotes = new StudyData(data.id(), data.title(), data.arms(), data.subjects(), data.blinded(), notes);
		AnalysisResult result = Analysis.run(withNotes, request, values, diagnosis, bleeding, true);
		log.debug("$analyze {}: {} subjects; study and subjects {} ms, derivation {} ms, values {} ms, statistics {} ms",
				studyId, data.subjects().size(), millis(started, studyRead), millis(studyRead, derivationDone),
				millis(derivationDone, valuesRead), millis(valuesRead, System.nanoTime()));
		return result;
	}

	private static long millis(long from, long to) {
		return (to - from) / 1_000_000;
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
