package org.trialfhir.bulkimport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trialfhir.errors.TrialFhirException;
import org.trialfhir.security.CurrentToken;

/**
 * Starts import jobs and tells how far they are. A job is durable once {@link #start} returns: its inline NDJSON is
 * already split into stored chunks (URL inputs are fetched by the job), and {@link ImportRunner} runs it.
 */
@Component
class ImportExecutor {

	private final ImportJobStore store;
	private final ImportRunner runner;
	private final ImportProperties properties;
	private final TransactionTemplate transactions;

	ImportExecutor(ImportJobStore store, ImportRunner runner, ImportProperties properties,
			PlatformTransactionManager transactionManager) {
		this.store = store;
		this.runner = runner;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * The job for this request: a new one, or the unfinished job the same client started with the same body (a
	 * retried kick-off starts nothing twice).
	 */
	UUID start(ImportRequest request, CurrentToken owner) {
		String hash = request.hash(owner.clientId());
		UUID id = transactions.execute(status -> {
			Optional<UUID> running = store.unfinishedWithRequest(hash);
			if (running.isPresent()) {
				return running.get();
			}
			UUID job = UUID.randomUUID();
			store.createJob(job, owner.clientId(), owner.user().orElse(null), owner.grants().scopes(), hash,
					request.urls().isEmpty() ? null : UrlInput.toJson(request.urls()));
			addChunks(job, 0, "body", null, NdjsonLine.inLoadOrder(request.lines()));
			return job;
		});
		runner.submit(id);
		return id;
	}

	/** Splits lines into chunks of {@code chunk-size}, numbered from {@code seq}; the next free number. */
	int addChunks(UUID job, int seq, String source, String declaredType, List<NdjsonLine> lines) {
		for (int from = 0; from < lines.size(); from += properties.chunkSize()) {
			store.addChunk(job, seq++, source, declaredType,
					lines.subList(from, Math.min(lines.size(), from + properties.chunkSize())));
		}
		return seq;
	}

	/** URL inputs in load order (Patients before their Observations …), then as given. */
	static List<UrlInput> inLoadOrder(List<UrlInput> inputs) {
		List<UrlInput> sorted = new ArrayList<>(inputs);
		sorted.sort(Comparator.comparingInt(input -> NdjsonLine.loadRank(input.type())));
		return sorted;
	}

	/** The job as its owner may see it; another client's job is as unknown as a job that never was. */
	ImportStatus status(UUID id, CurrentToken caller) {
		ImportJobStore.Job job = store.job(id).filter(j -> j.ownerClient().equals(caller.clientId()))
				.orElseThrow(() -> TrialFhirException.notFound("No import job " + id));
		return new ImportStatus(job, store.progress(id),
				job.state() == ImportJobStore.State.DONE || job.state() == ImportJobStore.State.FAILED
						? store.doneChunkReports(id).stream().map(c -> ChunkReport.fromJson(c.report())).toList()
						: List.of());
	}
}
