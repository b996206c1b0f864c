package org.trialfhir.derive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drains the {@link RederiveQueue} on its own thread (not Spring's shared scheduler, which the audit publisher
 * uses): every poll interval, the due patients are claimed and re-derived one by one and their rows removed; a
 * patient claimed by the worker of another server instance on the database is left to it. A failure leaves the row
 * in place for a later retry ({@link PendingDerivations#rederive}). Started after the server is up, stopped
 * before the database goes away; rows left at shutdown or crash are drained at the next start.
 *
 * <p>Nothing thrown may escape a round: a scheduled executor silently drops a task that throws, which would stop all
 * re-derivation until a restart. Whether the loop still runs and still makes progress is reported by {@link #fault}
 * ({@code rederive} in {@code /actuator/health}).
 */
@Component
class RederiveWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RederiveWorker.class);

	private final RederiveQueue queue;
	private final PendingDerivations pending;
	private final ScoringProperties.Recompute settings;
	private volatile ScheduledExecutorService executor;
	/** When the worker last finished a poll or a patient. */
	private volatile Instant lastProgress;

	RederiveWorker(RederiveQueue queue, PendingDerivations pending, ScoringProperties properties) {
		this.queue = queue;
		this.pending = pending;
		this.settings = properties.recompute();
	}

	@Override
	public void start() {
		if (!settings.enabled()) {
			log.info("Score re-derivation worker disabled (trialfhir.scoring.recompute.enabled=false)");
			return;
		}
		lastProgress = Instant.now(); // before the worker counts as running: fault() reads it then
		executor = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "trialfhir-rederive");
			thread.setDaemon(true);
			return thread;
		});
		long interval = settings.pollInterval().toMillis();
		executor.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = executor;
		executor = null;
		if (running != null) {
			running.shutdown();
			try {
				running.awaitTermination(30, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

	/**
	 * Re-derives every due patient it can claim; called by the worker thread. Rows another worker holds are left to
	 * it; a full batch of rows all held elsewhere ends the round rather than being read again at once.
	 */
	void drain() {
		try {
			List<RederiveQueue.Entry> due;
			int claimed;
			do {
				due = queue.due(settings.batchSize());
				claimed = 0;
				for (RederiveQueue.Entry entry : due) {
					Optional<RederiveQueue.Claim> claim = queue.claim(entry.patientId());
					if (claim.isPresent()) {
						try (RederiveQueue.Claim held = claim.get()) {
							pending.rederive(held.entry());
						}
						claimed++;
					}
					lastProgress = Instant.now();
				}
			} while (due.size() == settings.batchSize() && claimed > 0 && isRunning());
		} catch (RuntimeException | Error e) {
			log.error("Score re-derivation round failed; retrying next round", e);
		} finally {
			lastProgress = Instant.now();
		}
	}

	/**
	 * Why the enabled worker is not doing its job: not running, or no poll and no patient finished for longer than
	 * {@code stalled-after} (a derivation hanging on a lock, or a loop that died). Empty while it works or when it is
	 * switched off.
	 */
	Optional<String> fault() {
		if (!settings.enabled()) {
			return Optional.empty();
		}
		if (!isRunning()) {
			return Optional.of("the worker is not running");
		}
		Duration quiet = Duration.between(lastProgress, Instant.now());
		if (quiet.compareTo(settings.stalledAfter()) > 0) {
			return Optional.of("no poll or patient finished for " + quiet + " (stalled-after " + settings.stalledAfter()
					+ ")");
		}
		return Optional.empty();
	}

	/** When the worker last finished a poll or a patient; empty before it started. */
	Optional<Instant> lastProgress() {
		return Optional.ofNullable(lastProgress);
	}
}
