package org.trialfhir.derive;

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
 */
@Component
class RederiveWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RederiveWorker.class);

	private final RederiveQueue queue;
	private final PendingDerivations pending;
	private final ScoringProperties.Recompute settings;
	private volatile ScheduledExecutorService executor;

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
				}
			} while (due.size() == settings.batchSize() && claimed > 0 && isRunning());
		} catch (RuntimeException e) {
			log.warn("Score re-derivation round failed; retrying next round", e);
		}
	}
}
