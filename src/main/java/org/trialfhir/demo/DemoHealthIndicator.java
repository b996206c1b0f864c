package org.trialfhir.demo;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The {@code demo} component of {@code /actuator/health} while the demo profile loads its trial: OUT_OF_SERVICE (so
 * the health answers 503) with the step and the import's progress until the trial is imported and every score
 * derived, then UP; DOWN if the load failed (with the patients whose scores are still queued, when the
 * derivation could not finish). A server that is not ready does not say UP.
 */
@Component
@ConditionalOnProperty(name = "trialfhir.demo.load", havingValue = "true")
class DemoHealthIndicator implements HealthIndicator {

	private record State(Status status, String step, Supplier<String> progress, List<String> pendingPatients) {

		State(Status status, String step, Supplier<String> progress) {
			this(status, step, progress, List.of());
		}
	}

	private final AtomicReference<State> state = new AtomicReference<>(new State(Status.OUT_OF_SERVICE,
			"waiting for the server to start", () -> null));

	void loading(String step) {
		loading(step, () -> null);
	}

	void loading(String step, Supplier<String> progress) {
		state.set(new State(Status.OUT_OF_SERVICE, step, progress));
	}

	void ready(String summary) {
		state.set(new State(Status.UP, summary, () -> null));
	}

	void failed(String why) {
		failed(why, List.of());
	}

	/** The load failed, leaving the scores of these patients (references) not derived. */
	void failed(String why, List<String> pendingPatients) {
		state.set(new State(Status.DOWN, why, () -> null, List.copyOf(pendingPatients)));
	}

	boolean isReady() {
		return state.get().status().equals(Status.UP);
	}

	@Override
	public Health health() {
		State now = state.get();
		Health.Builder health = Health.status(now.status()).withDetail("demo", now.step());
		String progress = now.progress().get();
		if (progress != null) {
			health.withDetail("progress", progress);
		}
		if (!now.pendingPatients().isEmpty()) {
			health.withDetail("pendingPatients", now.pendingPatients());
		}
		return health.build();
	}
}
