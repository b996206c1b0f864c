package org.trialfhir.bulkimport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.trialfhir.security.CurrentToken;

/**
 * {@code $import} for the server's own loads (the demo trial): the same job as a client's kick-off — durable chunks,
 * each a FHIR transaction with the same validation, keys and study days, run under {@code owner}'s scopes, re-derivation
 * held until the job ends, one AuditEvent — started without an HTTP request.
 */
@Component
public class ServerImports {

	/** How a finished job ended: per resource type the lines created and updated, and the lines not written. */
	public record Outcome(boolean completed, String failure, Map<String, Integer> created, Map<String, Integer> updated,
			int linesNotWritten) {}

	private final ImportExecutor executor;
	private final ImportJobStore store;

	ServerImports(ImportExecutor executor, ImportJobStore store) {
		this.executor = executor;
		this.store = store;
	}

	/** Starts (or joins the unfinished) job importing these NDJSON lines; returns at once with its id. */
	public UUID start(String ndjson, CurrentToken owner) {
		return executor.start(request(ndjson), owner);
	}

	/** Whether {@code owner} already imported exactly these lines to the end (a completed job of the same body). */
	public boolean completedBefore(String ndjson, CurrentToken owner) {
		return store.completedWithRequest(request(ndjson).hash(owner.clientId()));
	}

	/** Waits for the job to end, polling its state. */
	public Outcome await(UUID job, CurrentToken owner, Duration poll) throws InterruptedException {
		while (true) {
			ImportStatus status = executor.status(job, owner);
			if (status.finished()) {
				return outcome(status);
			}
			Thread.sleep(poll.toMillis());
		}
	}

	/** The job's progress while it runs, e.g. for a health check: "3 of 60 chunks done (1500 of 30000 lines)". */
	public String progress(UUID job, CurrentToken owner) {
		return executor.status(job, owner).progressHeader();
	}

	private static Outcome outcome(ImportStatus status) {
		Map<String, Integer> created = new TreeMap<>();
		Map<String, Integer> updated = new TreeMap<>();
		int errors = 0;
		for (ChunkReport chunk : status.chunks()) {
			chunk.counts().forEach((type, counts) -> {
				created.merge(type, counts.created, Integer::sum);
				updated.merge(type, counts.updated, Integer::sum);
			});
			errors += chunk.errors().size();
		}
		return new Outcome(status.job().state() == ImportJobStore.State.DONE, status.job().failure(), created, updated,
				errors);
	}

	private static ImportRequest request(String ndjson) {
		return new ImportRequest(NdjsonLine.split(ndjson), List.of(), ndjson.getBytes(StandardCharsets.UTF_8));
	}
}
