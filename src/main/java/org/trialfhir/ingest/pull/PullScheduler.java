package org.trialfhir.ingest.pull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.source.EhrSources;

/**
 * Runs each source with a {@code schedule} on its cron. A run that finds the source's lock taken (a manual
 * {@code $pull}, or another server instance) skips that turn. Stopping the server interrupts running pulls; they
 * stop between pages and the next run resumes from the cursors.
 */
@Component
class PullScheduler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PullScheduler.class);

	private final EhrSources sources;
	private final PullExecutor pulls;
	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
	private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
	private volatile boolean running;

	PullScheduler(EhrSources sources, PullExecutor pulls) {
		this.sources = sources;
		this.pulls = pulls;
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("ehr-pull-");
		scheduler.setWaitForTasksToCompleteOnShutdown(false);
		sources.onChange(this::reschedule);
	}

	@Override
	public void start() {
		scheduler.initialize();
		running = true;
		sources.all().forEach(source -> reschedule(source.name()));
	}

	@Override
	public void stop() {
		running = false;
		scheduled.values().forEach(future -> future.cancel(true));
		scheduled.clear();
		scheduler.shutdown();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private synchronized void reschedule(String name) {
		ScheduledFuture<?> previous = scheduled.remove(name);
		if (previous != null) {
			previous.cancel(false);
		}
		if (!running) {
			return;
		}
		sources.named(name).filter(source -> source.schedule() != null && !source.schedule().isBlank())
				.ifPresent(source -> {
					scheduled.put(name, scheduler.schedule(() -> run(name), new CronTrigger(source.schedule())));
					log.info("EHR source {} scheduled: {}", name, source.schedule());
				});
	}

	private void run(String name) {
		try {
			sources.named(name).ifPresent(source -> pulls.run(new PullRequest(java.util.List.of(source))));
		} catch (RuntimeException e) {
			log.error("Scheduled pull of {} failed: {}", name, e.toString());
		}
	}
}
