package org.trialfhir.derive;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code rederive} component of {@code /actuator/health}: DOWN when the re-derivation worker should run but does
 * not, or has stalled ({@link RederiveWorker#fault}). Without it a dead worker goes unseen while derived scores grow
 * stale and its queue grows.
 */
@Component
class RederiveHealthIndicator implements HealthIndicator {

	private final RederiveWorker worker;
	private final ScoringProperties.Recompute settings;

	RederiveHealthIndicator(RederiveWorker worker, ScoringProperties properties) {
		this.worker = worker;
		this.settings = properties.recompute();
	}

	@Override
	public Health health() {
		Health.Builder health = worker.fault().map(fault -> Health.down().withDetail("fault", fault))
				.orElseGet(Health::up);
		health.withDetail("enabled", settings.enabled());
		worker.lastProgress().ifPresent(at -> health.withDetail("lastProgress", at.toString()));
		return health.build();
	}
}
