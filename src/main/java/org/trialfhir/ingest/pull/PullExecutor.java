package org.trialfhir.ingest.pull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts.SourceReport;
import org.trialfhir.ingest.pull.bookkeeping.PullMetrics;
import org.trialfhir.ingest.pull.bookkeeping.PullRuns;
import org.trialfhir.ingest.pull.fetch.SourcePull;
import org.trialfhir.ingest.pull.source.EhrSource;
import org.trialfhir.ingest.pull.subjects.EnrolledSubject;
import org.trialfhir.ingest.pull.subjects.EnrolledSubjects;
import org.trialfhir.server.AdvisoryLock;

/**
 * Runs {@code $pull} (and each scheduled pull): of every followed subject or of one subject, source after source, each
 * source under its lock.
 */
@Component
class PullExecutor {

	private static final Logger log = LoggerFactory.getLogger(PullExecutor.class);

	private final EnrolledSubjects enrolled;
	private final SourcePull sourcePull;
	private final PullLock locks;
	private final PullMetrics metrics;
	private final PullRuns runs;

	PullExecutor(EnrolledSubjects enrolled, SourcePull sourcePull, PullLock locks, PullMetrics metrics,
			PullRuns runs) {
		this.enrolled = enrolled;
		this.sourcePull = sourcePull;
		this.locks = locks;
		this.metrics = metrics;
		this.runs = runs;
	}

	/** {@code [base]/$pull}: every followed subject, from each source asked for. */
	List<SourceReport> run(PullRequest request) {
		List<EnrolledSubject> subjects = enrolled.followed();
		return request.sources().stream().map(source -> pullLocked(source, subjects)).toList();
	}

	/** {@code ResearchSubject/[id]/$pull}: one subject, from each source asked for that knows its MRN system. */
	List<SourceReport> run(String researchSubjectId, PullRequest request) {
		EnrolledSubject subject = enrolled.one(researchSubjectId);
		return request.sources().stream()
				.filter(source -> subject.mrn(source.patientIdentifierSystem()).isPresent())
				.map(source -> pullLocked(source, List.of(subject)))
				.toList();
	}

	private SourceReport pullLocked(EhrSource source, List<EnrolledSubject> followed) {
		List<EnrolledSubject> subjects = followed.stream()
				.filter(subject -> subject.mrn(source.patientIdentifierSystem()).isPresent())
				.toList();
		long started = System.nanoTime();
		Instant startedAt = Instant.now();
		Optional<AdvisoryLock> lock = locks.tryLock(source.name());
		if (lock.isEmpty()) {
			metrics.run(source.name(), "busy", Duration.ZERO);
			PullCounts busy = new PullCounts(source.name());
			busy.note("another pull of this source is running (this or another server instance); not pulled now");
			return busy.report(); // not a run: the run holding the lock records its own
		}
		PullCounts counts;
		try (AdvisoryLock held = lock.get()) {
			counts = sourcePull.run(source, subjects);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		SourceReport report = counts.report();
		runs.record(startedAt, Instant.now(), report);
		metrics.resources(source.name(), "fetched", report.fetched());
		metrics.resources(source.name(), "created", report.created());
		metrics.resources(source.name(), "updated", report.updated());
		metrics.resources(source.name(), "unchanged", report.unchanged());
		metrics.resources(source.name(), "rejected", report.rejected());
		metrics.resources(source.name(), "error", report.errors());
		metrics.run(source.name(), report.errors() == 0 ? "completed" : "failed", took);
		log.info("EHR pull {}: {} subjects, fetched {}, created {}, updated {}, unchanged {}, rejected {}, errors {} "
				+ "in {} ms", source.name(), subjects.size(), report.fetched(), report.created(), report.updated(),
				report.unchanged(), report.rejected(), report.errors(), took.toMillis());
		return report;
	}
}
