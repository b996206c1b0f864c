package org.trialfhir.derive;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.scoring.Scores;
import org.trialfhir.units.UnitConverter;

/**
 * Derives and stores the per-day scores of subjects: load ({@link TrialRecords}) → map → score → upsert
 * one derived Observation per subject × day × score. One transaction per subject, holding a PostgreSQL advisory
 * lock on the subject so the operation and the re-derivation worker never interleave on it. A study's subjects are
 * derived {@code trialfhir.scoring.parallelism} at a time.
 */
@Component
public class ScoreDerivation {

	/** The selectable scores, in the order of docs/api.md §2.4: {@link Scores#CODES}. */
	public static final List<String> SCORE_CODES = Scores.CODES;

	private static final Logger log = LoggerFactory.getLogger(ScoreDerivation.class);

	private final TrialRecords records;
	private final DerivedScoreStore store;
	private final TransactionTemplate transaction;
	private final JdbcTemplate jdbc;
	private final int parallelism;
	private final UnitConverter converter = UnitConverter.standard();

	@PersistenceContext
	private EntityManager entityManager;

	ScoreDerivation(TrialRecords records, DerivedScoreStore store, PlatformTransactionManager transactions,
			JdbcTemplate jdbc, ScoringProperties properties) {
		this.records = records;
		this.store = store;
		this.transaction = new TransactionTemplate(transactions);
		this.jdbc = jdbc;
		this.parallelism = properties.parallelism();
	}

	/** {@code ResearchSubject/[id]/$derive-scores}: the stored derived Observations, by day then score. */
	List<Observation> deriveSubject(String subjectId, DaySelection days, Set<String> scores) {
		return transaction.execute(status -> derive(subjectId, days, scores));
	}

	/** {@code ResearchStudy/[id]/$derive-scores}: every subject, in subject order; subjects without T0 are skipped. */
	List<Observation> deriveStudy(String studyId, DaySelection days, Set<String> scores) {
		return forEachSubject(records.subjectsOfStudy(studyId), subjectId -> {
			try {
				return deriveSubject(subjectId, days, scores);
			} catch (TrialFhirException e) {
				if (e.kind() != TrialFhirException.Kind.UNPROCESSABLE) {
					throw e;
				}
				log.warn("$derive-scores on ResearchStudy/{} skipped ResearchSubject/{}: {}", studyId, subjectId,
						e.getMessage());
				return List.<Observation>of();
			}
		}).stream().flatMap(List::stream).toList();
	}

	/**
	 * After inputs of a patient changed in {@code [since, until]} (null = unbounded; {@link InputChanges} has widened
	 * it already for the inputs a score reads on other days): re-derive every score of every subject of the patient
	 * on the days reading that range ({@link DayReach}: those touching {@code [since − AFTER, until + BEFORE]}), and
	 * remove derived Observations of those days that have no data any more.
	 */
	void rederivePatient(String patientId, Instant since, Instant until) {
		for (String subjectId : records.subjectsOfPatient(patientId)) {
			transaction.executeWithoutResult(status -> {
				SubjectContext subject;
				try {
					subject = records.subject(subjectId);
				} catch (TrialFhirException e) {
					log.info("ResearchSubject/{} not re-derived: {}", subjectId, e.getMessage());
					return;
				}
				int from = since == null ? 1 : subject.dayOf(since.minus(DayReach.AFTER));
				Integer to = until == null ? null : subject.dayOf(until.plus(DayReach.BEFORE));
				if (to == null || to >= 1) {
					derive(subject, DaySelection.range(from, to), Set.copyOf(SCORE_CODES));
				}
			});
		}
	}

	private List<Observation> derive(String subjectId, DaySelection days, Set<String> scores) {
		return derive(records.subject(subjectId), days, scores);
	}

	private List<Observation> derive(SubjectContext subject, DaySelection selection, Set<String> scores) {
		lock(subject.subjectId());
		// HAPI's writes query (the stored score, references the store did not resolve), and before every query
		// Hibernate would flush, i.e. dirty-check every entity of the session: all the inputs loaded below and every
		// score written so far. Writes here never read each other back, so flush at commit, as HAPI's own
		// TransactionProcessor does.
		entityManager.setFlushMode(FlushModeType.COMMIT);
		InputTimeline timeline = FhirInputMapper.map(subject, records.records(subject, selection), converter);
		SortedSet<Integer> dataDays = timeline.dataDays(subject);
		List<DerivedScoreStore.Write> writes = new ArrayList<>();
		for (DerivedScore score : ScoreComputation.compute(subject, timeline, selection.toScore(dataDays), scores)) {
			Observation fresh = DerivedObservations.render(subject, score.day(), score.result(), score.sources());
			writes.add(new DerivedScoreStore.Write(fresh, timeline.derived.get(DerivedObservations.identifierValue(fresh))));
		}
		List<Observation> stored = store.upsert(writes);
		for (Observation old : timeline.derived.values()) {
			String code = old.getCode().getCodingFirstRep().getCode();
			Integer day = studyDay(old);
			boolean ours = day != null && DerivedObservations.identifierValue(subject.subjectId(), code, day)
					.equals(DerivedObservations.identifierValue(old));
			if (ours && scores.contains(code) && !dataDays.contains(day) && selection.removesWhenEmpty(day)) {
				store.delete(old);
			}
		}
		return stored;
	}

	/**
	 * {@code work} for each subject, {@link #parallelism} at a time, results in subject order. The first failure (in
	 * subject order) is rethrown; subjects not started by then are not started, those under way finish in their own
	 * transactions.
	 */
	private <T> List<T> forEachSubject(List<String> subjectIds, Function<String, T> work) {
		if (parallelism == 1 || subjectIds.size() < 2) {
			return subjectIds.stream().map(work).toList();
		}
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, subjectIds.size()),
				new CustomizableThreadFactory("trialfhir-derive-"));
		try {
			List<Future<T>> running = subjectIds.stream().map(id -> pool.submit(() -> work.apply(id))).toList();
			List<T> results = new ArrayList<>(running.size());
			for (Future<T> next : running) {
				try {
					results.add(next.get());
				} catch (ExecutionException e) {
					running.forEach(f -> f.cancel(false));
					throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
				}
			}
			return results;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while deriving", e);
		} finally {
			pool.shutdown();
		}
	}

	private static Integer studyDay(Observation derived) {
		return derived.getExtensionByUrl(DerivedObservations.STUDY_DAY) != null
				&& derived.getExtensionByUrl(DerivedObservations.STUDY_DAY).getValue() instanceof IntegerType day
						? day.getValue() : null;
	}

	/** Serialises derivations of one subject across threads and server instances, until the transaction ends. */
	private void lock(String subjectId) {
		jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", (ResultSetExtractor<Void>) rs -> null,
				"trialfhir-derive:" + subjectId);
	}
}
