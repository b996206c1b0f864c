package org.trialfhir.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server killed with SIGKILL leaves its embedded postmaster running (pg_ctl daemonises it), holding the data
 * directory. Stop it cleanly before starting a new one; its committed data is intact.
 */
final class StalePostmaster {

	private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
	private static final Duration STOP_WAIT = Duration.ofSeconds(60);

	private StalePostmaster() {}

	static void stopIfRunning(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty()) {
			return;
		}
		long pid = Long.parseLong(lines.get(0).trim());
		Optional<ProcessHandle> postmaster = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
				.filter(StalePostmaster::isPostgres);
		if (postmaster.isEmpty()) {
			return; // PostgreSQL itself ignores a stale pid file whose process is gone
		}
		log.warn("Stopping a postmaster (pid {}) left running on {} by an earlier server", pid, dataDir);
		ProcessHandle process = postmaster.get();
		process.destroy(); // SIGTERM: smart shutdown, a checkpoint is written
		try {
			process.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
		} catch (Exception e) {
			throw new IOException("The postmaster " + pid + " on " + dataDir + " did not stop", e);
		}
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info().command().map(command -> command.endsWith("postgres")).orElse(true);
	}
}
