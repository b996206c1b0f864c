package org.trialfhir.bulkimport;

import jakarta.annotation.PreDestroy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trialfhir.derive.RederivationHold;
import org.trialfhir.server.AdvisoryLock;

/**
 * Runs import jobs, one at a time, on a thread of its own: fetches a job's URL inputs into chunks, then loads its
 * chunks not done in order, up to {@code trialfhir.import.parallelism} side by side where order cannot matter
 * ({@link #loadChunks}). A job is resumed from its first chunk not done when the server starts and every
 * {@code trialfhir.import.resume-every} (a job whose instance died is taken over); a PostgreSQL advisory lock per job
 * keeps two instances from running the same job.
 */
@Component
class ImportRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

	/** Advisory-lock namespace of import jobs ("IMPT"). */
	private static final int LOCK_NAMESPACE = 0x494d5054;

	private final ImportJobStore store;
	private final ChunkLoader loader;
	private final InputFetcher fetcher;
	private final ImportExecutor executor;
	private final ImportAudit audit;
	private final RederivationHold hold;
	private final DataSource dataSource;
	private final TransactionTemplate transactions;
	private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
	private final ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(1000), runnable -> {
				Thread worker = new Thread(runnable, "trialfhir-import");
				worker.setDaemon(true);
				return worker;
			});

	/** Prepares and writes the chunks of the running job, {@code trialfhir.import.parallelism} at a time. */
	private final ExecutorService chunks;
	private final int parallelism;

	ImportRunner(ImportJobStore store, ChunkLoader loader, InputFetcher fetcher, @Lazy ImportExecutor executor,
			ImportAudit audit, RederivationHold hold, DataSource dataSource,
			PlatformTransactionManager transactionManager, ImportProperties properties) {
		this.parallelism = properties.parallelism();
		AtomicInteger threads = new AtomicInteger();
		this.chunks = Executors.newFixedThreadPool(parallelism, runnable -> {
			Thread worker = new Thread(runnable, "trialfhir-import-chunk-" + threads.incrementAndGet());
			worker.setDaemon(true);
			return worker;
		});
		this.store = store;
		this.loader = loader;
		this.fetcher = fetcher;
		this.executor = executor;
		this.audit = audit;
		this.hold = hold;
		this.dataSource = dataSource;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Queues the job unless this instance has it queued or running already. */
	void submit(UUID job) {
		if (!queued.add(job)) {
			return;
		}
		try {
			thread.execute(() -> {
				try {
					run(job);
				} finally {
					queued.remove(job);
				}
			});
		} catch (RejectedExecutionException full) {
			queued.remove(job); // the next sweep queues it again
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(fixedDelayString = "${trialfhir.import.resume-every:60s}", initialDelayString = "${trialfhir.import.resume-every:60s}")
	void resumeUnfinished() {
		store.unfinishedJobs().forEach(this::submit);
	}

	@PreDestroy
	void stop() throws InterruptedException {
		thread.shutdownNow();
		thread.awaitTermination(30, TimeUnit.SECONDS);
		chunks.shutdownNow();
		chunks.awaitTermination(30, TimeUnit.SECONDS);
	}

	private void run(UUID id) {
		Optional<AdvisoryLock> lock = AdvisoryLock.tryAcquire(dataSource, LOCK_NAMESPACE, id.toString());
		if (lock.isEmpty()) {
			return; // another instance runs it
		}
		try (AdvisoryLock held = lock.get()) {
			Optional<ImportJobStore.Job> found = store.job(id);
			if (found.isEmpty() || found.get().state() == ImportJobStore.State.DONE
					|| found.get().state() == ImportJobStore.State.FAILED) {
				return;
			}
			ImportJobStore.Job job = found.get();
			if (job.state() == ImportJobStore.State.FETCHING && !fetch(job)) {
				return;
			}
			if (!loadChunks(job)) {
				return; // stopping: the job resumes from its first chunk not done
			}
			hold.release(); // before the job is marked done: a crash in between resumes the job, which releases again
			store.finish(id, ImportJobStore.State.DONE, null);
			audit.finished(store.job(id).orElseThrow(), reports(id));
			log.info("Import {} done", id);
		} catch (RuntimeException failure) {
			// our own fault (the database, a bug): the job stays unfinished and is tried again by the next sweep
			log.error("Import {} stopped; it resumes from its first chunk not done", id, failure);
		}
	}

	/**
	 * Loads the job's chunks not done, in order, but up to {@code parallelism} at a time where order cannot matter:
	 * the next chunks are prepared (parsed, checked) side by side, then the first of them and those right after it
	 * that hold clinical data of the same one type ({@link ChunkLoader.Prepared#soleClinicalType}) are written side
	 * by side, each in its own transaction, except that a chunk writing a resource an earlier one of them also
	 * writes waits for it (the later line wins). Set-up data (studies, patients, subjects: what the next chunks
	 * refer to) is written one chunk after the other. False when stopped.
	 */
	private boolean loadChunks(ImportJobStore.Job job) {
		Deque<Integer> toDo = new ArrayDeque<>(store.chunksToDo(job.id()));
		Deque<CompletableFuture<ChunkLoader.Prepared>> prepared = new ArrayDeque<>();
		while (!toDo.isEmpty() || !prepared.isEmpty()) {
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
			while (prepared.size() < parallelism && !toDo.isEmpty()) {
				int seq = toDo.poll();
				prepared.add(CompletableFuture.supplyAsync(() -> loader.prepare(job, store.chunk(job.id(), seq)), chunks));
			}
			List<ChunkLoader.Prepared> batch = new ArrayList<>();
			batch.add(join(prepared.poll()));
			Optional<String> type = batch.get(0).soleClinicalType();
			while (type.isPresent() && !prepared.isEmpty() && join(prepared.peek()).soleClinicalType().equals(type)) {
				batch.add(join(prepared.poll()));
			}
			write(batch);
		}
		return true;
	}

	/** Writes the chunks side by side, each after the earlier ones that write a resource it writes too. */
	private void write(List<ChunkLoader.Prepared> batch) {
		List<Set<String>> writes = batch.stream().map(ChunkLoader.Prepared::writes).toList();
		List<CompletableFuture<ChunkReport>> written = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			ChunkLoader.Prepared chunk = batch.get(i);
			List<CompletableFuture<ChunkReport>> before = new ArrayList<>();
			for (int j = 0; j < i; j++) {
				if (!Collections.disjoint(writes.get(j), writes.get(i))) {
					before.add(written.get(j));
				}
			}
			written.add(CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
					.thenApplyAsync(done -> loader.write(chunk), chunks));
		}
		// every chunk ends (written, failed, or not started because one it waits for failed) before the job goes on
		// or stops: none is left writing when the job's lock is released
		written.forEach(future -> future.handle((report, failure) -> null).join());
		written.forEach(ImportRunner::join);
	}

	/** The future's value; its failure as thrown by the task. */
	private static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		} catch (CompletionException failed) {
			if (failed.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw failed;
		}
	}

	/** Fetches every URL input and stores its chunks, all in one transaction; false when the job failed. */
	private boolean fetch(ImportJobStore.Job job) {
		List<UrlInput> inputs = ImportExecutor.inLoadOrder(UrlInput.fromJson(job.urlInputs()));
		try {
			List<List<NdjsonLine>> fetched = inputs.stream().map(fetcher::fetch).toList();
			transactions.executeWithoutResult(status -> {
				int seq = 0;
				for (int i = 0; i < inputs.size(); i++) {
					seq = executor.addChunks(job.id(), seq, inputs.get(i).url().toString(), inputs.get(i).type(),
							fetched.get(i));
				}
				store.fetched(job.id());
			});
			return true;
		} catch (InputFetcher.FetchFailure failure) {
			store.finish(job.id(), ImportJobStore.State.FAILED, failure.getMessage());
			audit.finished(store.job(job.id()).orElseThrow(), List.of());
			log.warn("Import {} failed: {}", job.id(), failure.getMessage());
			return false;
		}
	}

	private List<ChunkReport> reports(UUID id) {
		return store.doneChunkReports(id).stream().map(chunk -> ChunkReport.fromJson(chunk.report())).toList();
	}
}
