package org.trialfhir.derive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.trialfhir.errors.TrialFhirException;

/**
 * The derived scores still to be brought up to date. Every write of a scoring input queues its patient in the
 * same transaction ({@link InputChangeInterceptor}), so a patient's derived scores are missing or stale exactly
 * while a {@link RederiveQueue} row of that patient is left. The worker finishes rows in the background;
 * {@code $analyze} finishes those of its study first, in its own thread, so it never reads a stale score.
 */
@Component
public class PendingDerivations {

	private static final Logger log = LoggerFactory.getLogger(PendingDerivations.class);
	private static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);

	private final RederiveQueue queue;
	private final ScoreDerivation derivation;
	private final ScoringProperties.Recompute settings;
	private final int parallelism;
	private final Counter done;
	private final Counter failed;

	PendingDerivations(RederiveQueue queue, ScoreDerivation derivation, ScoringProperties properties,
			MeterRegistry registry) {
		this.queue = queue;
		this.derivation = derivation;
		this.settings = properties.recompute();
		this.parallelism = properties.parallelism();
		this.done = rederivations(registry, "done");
		this.failed = rederivations(registry, "failed");
	}

	/**
	 * Re-derives now the queued changes of these patients, due or not (also when the background worker is off).
	 *
	 * @return one note per thing the caller should tell its reader: patients whose scores could not be brought up
	 *         to date and why; empty when every score of these patients is current
	 */
	public List<String> finish(Collection<String> patientIds) {
		List<String> notes = new ArrayList<>();
		for (RederiveQueue.Entry entry : queue.pending(patientIds)) {
			Throwable failure = rederive(entry);
			if (failure != null) {
				notes.add("the scores of Patient/" + entry.patientId() + " could not be re-derived ("
						+ failure.getMessage() + "): its derived scores are read as stored");
			}
		}
		return notes;
	}

	/**
	 * Brings the queued changes of these patients up to date now, {@code trialfhir.scoring.parallelism} patients at
	 * a time, each under the claim the background worker takes ({@link RederiveQueue#claim}), so each patient is
	 * derived once, by whichever thread claims it first; returns when none of them is queued any more. For a bulk load
	 * that knows the patients it wrote (the demo trial): it does not wait for the single worker thread, and the worker
	 * does not derive its patients a second time. A patient whose re-derivation fails keeps its row for a retry later
	 * and is not waited for.
	 *
	 * <p>The wait is bounded: when no patient of theirs has left the queue for {@code recompute.stalled-after} (the
	 * same bound after which the worker's health says it stalled), the rows left cannot be claimed (another session
	 * holds a patient's lock, a bulk load holds the row back) and {@link Unsettled} names them.
	 *
	 * @return one note per patient whose scores could not be brought up to date, and why
	 * @throws Unsettled when rows of these patients stayed unclaimable for {@code recompute.stalled-after}
	 */
	public List<String> settle(Collection<String> patientIds) throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(parallelism, task -> {
			Thread thread = new Thread(task, "trialfhir-settle");
			thread.setDaemon(true);
			return thread;
		});
		try {
			long progressedAt = System.nanoTime();
			while (true) {
				List<RederiveQueue.Entry> queued = queue.pending(patientIds);
				List<RederiveQueue.Entry> open = queued.stream().filter(entry -> entry.attempts() == 0).toList();
				if (open.isEmpty()) {
					return queued.stream().map(entry -> "the scores of Patient/" + entry.patientId()
							+ " could not be derived yet; retried in the background").toList();
				}
				if (System.nanoTime() - progressedAt > settings.stalledAfter().toNanos()) {
					throw new Unsettled(open.stream().map(RederiveQueue.Entry::patientId).toList(),
							settings.stalledAfter());
				}
				List<Callable<Boolean>> claims = open.stream().map(entry -> (Callable<Boolean>) () -> {
					Optional<RederiveQueue.Claim> claim = queue.claim(entry.patientId());
					if (claim.isEmpty()) {
						return false; // the worker has it, or it is not due yet: wait for it
					}
					try (RederiveQueue.Claim held = claim.get()) {
						rederive(held.entry());
					}
					return true;
				}).toList();
				boolean claimedAny = false;
				for (Future<Boolean> claimed : pool.invokeAll(claims)) {
					claimedAny |= Boolean.TRUE.equals(claimed.get());
				}
				if (claimedAny) {
					progressedAt = System.nanoTime();
				} else {
					Thread.sleep(250);
				}
			}
		} catch (ExecutionException e) {
			throw new IllegalStateException("settling the queued derivations failed", e.getCause());
		} finally {
			pool.shutdownNow();
		}
	}

	/** {@link #settle} gave up: these patients' rows could not be claimed for {@code stalledAfter}. */
	public static final class Unsettled extends TrialFhirException {

		private final List<String> patientIds;

		public Unsettled(List<String> patientIds, Duration stalledAfter) {
			super(Kind.UPSTREAM_UNAVAILABLE, "the queued derivations of " + patientIds.size()
					+ " patients could not be claimed for " + stalledAfter + " (held by another session or a bulk "
					+ "load): " + patientIds.stream().map(id -> "Patient/" + id).toList(), null);
			this.patientIds = List.copyOf(patientIds);
		}

		/** The patients still queued, in the queue's order. */
		public List<String> patientIds() {
			return patientIds;
		}
	}

	/**
	 * Re-derives one queued patient and removes its row (unless a newer change arrived meanwhile), or leaves it
	 * for a retry after a delay that doubles per attempt, capped at 1 h. An {@link Error} (a stack overflow on odd
	 * data, a class missing from a broken deployment) is handled the same way: it fails this patient, not the
	 * caller, which goes on with the next one.
	 *
	 * @return the failure, or null
	 */
	Throwable rederive(RederiveQueue.Entry entry) {
		try {
			derivation.rederivePatient(entry.patientId(), entry.since(), entry.until());
			done.increment(); // before the row goes: a drained queue means every re-derivation is counted
			queue.done(entry);
			return null;
		} catch (RuntimeException | Error e) {
			Duration wait = settings.retryDelay().multipliedBy(1L << Math.min(entry.attempts(), 16));
			wait = wait.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : wait;
			log.warn("Re-deriving the scores of Patient/{} failed (attempt {}); retry in {}", entry.patientId(),
					entry.attempts() + 1, wait, e);
			queue.failed(entry, String.valueOf(e.getMessage()), wait);
			failed.increment();
			return e;
		}
	}

	/** {@code trialfhir_scoring_rederivations_total{result}} on /actuator/prometheus: re-derivations, by result. */
	private static Counter rederivations(MeterRegistry registry, String result) {
		return Counter.builder("trialfhir.scoring.rederivations").description("Queued patients re-derived, by result")
				.tag("result", result).register(registry);
	}
}
