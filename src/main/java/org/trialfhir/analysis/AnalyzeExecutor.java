package org.trialfhir.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.trialfhir.analysis.baseline.BaselineReader;
import org.trialfhir.analysis.baseline.BaselineTable;
import org.trialfhir.analysis.compare.Analysis;
import org.trialfhir.analysis.compare.AnalysisResult;
import org.trialfhir.analysis.compare.AnalysisVariable;
import org.trialfhir.analysis.compare.AnalyzeRequest;
import org.trialfhir.analysis.consort.ConsortFlow;
import org.trialfhir.analysis.consort.ConsortReader;
import org.trialfhir.analysis.data.BleedingEvent;
import org.trialfhir.analysis.data.DayTable;
import org.trialfhir.analysis.data.DayTables;
import org.trialfhir.analysis.data.StudyData;
import org.trialfhir.analysis.data.Subject;
import org.trialfhir.analysis.data.WorstOfDay;
import org.trialfhir.derive.PendingDerivations;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.hapisql.ObservationIndex;
import org.trialfhir.security.BlindingPolicy;

/**
 * Runs {@code $analyze} on a study: reads the study and its subjects, has missing or stale scores derived, reads all
 * the scores with one query and each measured variable with one query (these reads run side by side, as PostgreSQL can
 * serve them at once), and hands everything to the pure {@link Analysis}.
 */
@Component
class AnalyzeExecutor implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AnalyzeExecutor.class);

	private final StudyReader studies;
	private final ObservationIndex index;
	private final PendingDerivations derivations;
	private final BlindingPolicy blinding;
	private final ConsortReader consortReader;
	private final BaselineReader baselineReader;
	private final ExecutorService reads = Executors.newFixedThreadPool(3, runnable -> {
		Thread thread = new Thread(runnable, "analyze-read");
		thread.setDaemon(true);
		return thread;
	});

	AnalyzeExecutor(StudyReader studies, ObservationIndex index, PendingDerivations derivations,
			BlindingPolicy blinding, ConsortReader consortReader, BaselineReader baselineReader) {
		this.studies = studies;
		this.consortReader = consortReader;
		this.baselineReader = baselineReader;
		this.blinding = blinding;
		this.index = index;
		this.derivations = derivations;
	}

	/** The comparison with the study's CONSORT flow and baseline table (each rendered by arm only if armsShown). */
	record Analyzed(AnalysisResult result, ConsortFlow consort, BaselineTable baseline) {
	}

	Analyzed run(String studyId, AnalyzeRequest request) {
		long started = System.nanoTime();
		ResearchStudy study = studies.study(studyId);
		if (study.getArm().size() != 2) {
			throw TrialFhirException.unprocessable("$analyze compares two arms; ResearchStudy/" + studyId + " has "
					+ study.getArm().size());
		}
		StudyData data = studies.read(study);
		ConsortFlow consort = ConsortFlow.of(consortReader.read(study, request.mortalityDay(), Instant.now()));
		if (blinding.armsHiddenFromCurrentToken(study)) {
			// the baseline table is pooled for this reader, but counted from each subject's day-1 scores all the same
			derivations.finish(data.subjects().stream().map(Subject::patientId).distinct().toList());
			return new Analyzed(Analysis.run(data, request, Map.of(), new DayTable(), List.of(), false), consort,
					baselineReader.table(data, null));
		}
		long studyRead = System.nanoTime();
		// "derive missing or stale days first" (issue 8)
		List<String> notes = Collections.synchronizedList(new ArrayList<>(data.notes()));
		notes.addAll(derivations.finish(data.subjects().stream().map(Subject::patientId).distinct().toList()));
		long derivationDone = System.nanoTime();

		List<String> scores = request.variables().stream().filter(AnalysisVariable::isScore)
				.map(AnalysisVariable::code).toList();
		CompletableFuture<List<ObservationIndex.Identified>> derived = read("scores",
				() -> scores.isEmpty() ? List.of() : index.integerValues(AnalysisVariable.DERIVED_SCORE_SYSTEM));
		CompletableFuture<DayTable> diagnosis = read("DIC diagnoses", () -> DayTables.derived(data,
				request.resolutionScore(), index.diagnoses(AnalysisVariable.DERIVED_SCORE_SYSTEM)));
		CompletableFuture<List<BleedingEvent>> bleeding = read("bleeding events", studies::bleeding);
		Map<AnalysisVariable, CompletableFuture<DayTable>> measured = new HashMap<>();
		request.variables().stream().filter(v -> !v.isScore()).forEach(variable -> measured.put(variable,
				read(variable.token(), () -> DayTables.measured(data, variable.measured(),
						measured(data, variable, request), notes))));
		Map<AnalysisVariable, DayTable> values = new HashMap<>();
		for (AnalysisVariable variable : request.variables()) {
			values.put(variable, variable.isScore()
					? DayTables.derived(data, variable.code(), derived.join())
					: measured.get(variable).join());
		}
		long valuesRead = System.nanoTime();
		StudyData withNotes = new StudyData(data.id(), data.title(), data.arms(), data.subjects(), data.blinded(),
				List.copyOf(notes));
		AnalysisResult result = Analysis.run(withNotes, request, values, diagnosis.join(), bleeding.join(), true);
		BaselineTable baseline = baselineReader.table(data, scores.isEmpty() ? null : derived.join());
		log.debug("$analyze {}: {} subjects; study and subjects {} ms, derivation {} ms, values {} ms, statistics {} ms",
				studyId, data.subjects().size(), millis(started, studyRead), millis(studyRead, derivationDone),
				millis(derivationDone, valuesRead), millis(valuesRead, System.nanoTime()));
		return new Analyzed(result, consort, baseline);
	}

	private <T> CompletableFuture<T> read(String what, Supplier<T> query) {
		return CompletableFuture.supplyAsync(() -> {
			long started = System.nanoTime();
			T result = query.get();
			log.debug("$analyze read {} in {} ms", what, millis(started, System.nanoTime()));
			return result;
		}, reads);
	}

	private static long millis(long from, long to) {
		return (to - from) / 1_000_000;
	}

	/** The variable's values from the first T0 to the end of the last day asked for. */
	private List<ObservationIndex.Measured> measured(StudyData data, AnalysisVariable variable,
			AnalyzeRequest request) {
		if (data.subjects().isEmpty()) {
			return List.of();
		}
		Instant from = data.subjects().stream().map(Subject::t0).min(Instant::compareTo).orElseThrow();
		Instant lastT0 = data.subjects().stream().map(Subject::t0).max(Instant::compareTo).orElseThrow();
		int lastDay = request.scoredDays().stream().mapToInt(Integer::intValue).max().orElse(1);
		return index.measured(variable.measured().system(), variable.measured().codes(), from,
				lastT0.plusMillis(lastDay * WorstOfDay.DAY_MILLIS));
	}

	@Override
	public void destroy() {
		reads.shutdownNow();
	}
}
