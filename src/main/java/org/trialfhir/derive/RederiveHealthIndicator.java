package org.trialfhir.derive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The {@code rederive} component of {@code /actuator/health}: DOWN when the re-derivation worker should run but does
 * not, or has stalled ({@link RederiveWorker#fault}). Without it a dead worker goes unseen while derived scores grow
 * stale and its queue grows. Patients whose re-derivation keeps failing while the worker runs are listed under
 * {@code failing} (the status stays UP: the server still serves every request, and a DOWN would take it out of a
 * load balancer for one patient's scores); otherwise they would only show in the log.
 */
@Component
class RederiveHealthIndicator implements HealthIndicator {

	/** Enough to see which patients and why, few enough to keep the health answer short. */
	static final int FAILING_SHOWN = 5;

	private final RederiveWorker worker;
	private final RederiveQueue queue;
	private final ScoringProperties.Recompute settings;

	RederiveHealthIndicator(RederiveWorker worker, RederiveQueue queue, ScoringProperties properties) {
		this.worker = worker;
		this.queue = queue;
		this.settings = properties.recompute();
	}

	@Override
	public Health health() {
		Health.Builder health = worker.fault().map(fault -> Health.down().withDetail("fault", fault))
				.orElseGet(Health::up);
		health.withDetail("enabled", settings.enabled());
		worker.lastProgress().ifPresent(at -> health.withDetail("lastProgress", at.toString()));
		try {
			List<Map<String, Object>> failing = queue.failing(FAILING_SHOWN).stream().map(RederiveHealthIndicator::describe)
					.toList();
			if (!failing.isEmpty()) {
				health.withDetail("failing", failing);
			}
		} catch (DataAccessException e) { // the database's own health component reports it
			health.withDetail("failing", "unknown: " + e.getMessage());
		}
		return health.build();
	}

	private static Map<String, Object> describe(RederiveQueue.Failing row) {
		Map<String, Object> described = new LinkedHashMap<>(); // lastError may be null
		described.put("patient", row.patientId());
		described.put("attempts", row.attempts());
		described.put("lastError", row.lastError());
		return described;
	}
}
