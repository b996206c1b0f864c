package org.trialfhir.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.context.ApplicationContext;
import org.trialfhir.units.UnitConverter;

/**
 * The benchmark's derivation without writes: load, map and score every day with data of every subject of a study,
 * {@code trialfhir.scoring.parallelism} subjects at a time as {@code $derive-scores} does, and say where the time
 * went. It sits in the server's package to reach the derivation's package-private pieces, but only bench/derive
 * compiles it (against the server's classes), so the server carries no benchmark-only code.
 *
 * @param subjects     subjects derived
 * @param inputs       input resources read (Observations, Procedures, MedicationAdministrations)
 * @param scores       scores computed
 * @param loadingNanos time spent loading ({@link TrialRecords}), summed over the threads
 * @param scoringNanos time spent mapping and scoring, summed over the threads
 */
public record StudyComputation(int subjects, int inputs, int scores, long loadingNanos, long scoringNanos) {

	public static StudyComputation of(ApplicationContext server, String studyId) throws Exception {
		TrialRecords records = server.getBean(TrialRecords.class);
		int parallelism = server.getBean(ScoringProperties.class).parallelism();
		UnitConverter converter = UnitConverter.standard();
		ExecutorService pool = Executors.newFixedThreadPool(parallelism);
		try {
			List<Future<StudyComputation>> perSubject = new ArrayList<>();
			for (String subjectId : records.subjectsOfStudy(studyId)) {
				perSubject.add(pool.submit(() -> ofSubject(records, converter, subjectId)));
			}
			StudyComputation total = new StudyComputation(0, 0, 0, 0, 0);
			for (Future<StudyComputation> subject : perSubject) {
				total = total.plus(subject.get());
			}
			return total;
		} finally {
			pool.shutdown();
		}
	}

	private static StudyComputation ofSubject(TrialRecords records, UnitConverter converter, String subjectId) {
		long t0 = System.nanoTime();
		SubjectContext subject = records.subject(subjectId);
		PatientRecords patient = records.records(subject.patientId());
		long t1 = System.nanoTime();
		InputTimeline timeline = FhirInputMapper.map(subject, patient, converter);
		int scores = ScoreComputation.compute(subject, timeline, timeline.dataDays(subject),
				Set.copyOf(ScoreDerivation.SCORE_CODES)).size();
		return new StudyComputation(1, patient.observations().size() + patient.procedures().size()
				+ patient.administrations().size(), scores, t1 - t0, System.nanoTime() - t1);
	}

	private StudyComputation plus(StudyComputation other) {
		return new StudyComputation(subjects + other.subjects, inputs + other.inputs, scores + other.scores,
				loadingNanos + other.loadingNanos, scoringNanos + other.scoringNanos);
	}
}
