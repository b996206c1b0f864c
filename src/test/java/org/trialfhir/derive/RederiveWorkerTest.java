package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.trialfhir.server.AdvisoryLock;

/**
 * The re-derivation worker on its own thread, with the queue and the derivation replaced by mocks: an {@link Error}
 * in one patient's derivation is logged, leaves that patient's row for a retry and does not stop the worker; its
 * health is DOWN when it stops or stalls.
 */
@ExtendWith(OutputCaptureExtension.class)
class RederiveWorkerTest {

	static final Duration RETRY_DELAY = Duration.ofSeconds(30);
	/** When the mocked queue's rows were read: one time, so that the rows compare equal. */
	static final Instant READ_AT = Instant.parse("2026-05-01T00:00:00Z");

	final RederiveQueue queue = mock(RederiveQueue.class);
	final ScoreDerivation derivation = mock(ScoreDerivation.class);
	// polls every 20 ms; stalled after 500 ms without a finished poll or patient
	final ScoringProperties properties = new ScoringProperties(Map.of(), new ScoringProperties.Recompute(true,
			Duration.ZERO, null, Duration.ofMillis(20), 50, RETRY_DELAY, Duration.ofMillis(500)), null);
	final RederiveWorker worker = new RederiveWorker(queue, new PendingDerivations(queue, derivation, properties, new SimpleMeterRegistry()),
			properties);
	final RederiveHealthIndicator health = new RederiveHealthIndicator(worker, queue, properties);

	/** A single worker: every due patient is its to claim. */
	@BeforeEach
	void everyPatientIsClaimed() {
		when(queue.claim(anyString())).thenAnswer(invocation -> Optional.of(
				new RederiveQueue.Claim(entry(invocation.getArgument(0)), mock(AdvisoryLock.class))));
	}

	@AfterEach
	void stopWorker() {
		worker.stop();
	}

	@Test
	void anErrorInOneDerivationIsLoggedAndTheWorkerGoesOnWithTheNextPatientAndTheNextRound(CapturedOutput log) {
		RederiveQueue.Entry broken = entry("p-broken");
		RederiveQueue.Entry next = entry("p-next");
		RederiveQueue.Entry later = entry("p-later");
		// one round with two patients, a later round with a third, then nothing
		when(queue.due(anyInt())).thenReturn(List.of(broken, next), List.of(later), List.of());
		doThrow(new StackOverflowError("injected into the derivation")).when(derivation)
				.rederivePatient(eq("p-broken"), any(), any());

		worker.start();

		await().untilAsserted(() -> verify(queue).done(later));
		verify(queue).done(next);
		verify(derivation).rederivePatient(eq("p-next"), any(), any());
		// the broken patient's row stays, due again after the first retry delay
		verify(queue).failed(eq(broken), contains("injected into the derivation"), eq(RETRY_DELAY));
		assertThat(log.getAll()).contains("Re-deriving the scores of Patient/p-broken failed")
				.contains("java.lang.StackOverflowError: injected into the derivation");
	}

	@Test
	void healthIsUpWhileTheWorkerPollsAndDownOnceItIsStopped() {
		when(queue.due(anyInt())).thenReturn(List.of());
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN); // enabled but not started

		worker.start();
		await().untilAsserted(() -> verify(queue, atLeast(2)).due(anyInt()));
		Health polling = health.health();
		assertThat(polling.getStatus()).isEqualTo(Status.UP);
		assertThat(polling.getDetails()).containsEntry("enabled", true).containsKey("lastProgress");

		worker.stop();
		Health stopped = health.health();
		assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
		assertThat(stopped.getDetails()).containsEntry("fault", "the worker is not running");
	}

	@Test
	void healthIsDownWhileOneDerivationHangsLongerThanStalledAfterAndUpOnceItFinishes() throws Exception {
		RederiveQueue.Entry hanging = entry("p-hanging");
		when(queue.due(anyInt())).thenReturn(List.of(hanging), List.of());
		CountDownLatch release = new CountDownLatch(1);
		doAnswer(invocation -> {
			release.await();
			return null;
		}).when(derivation).rederivePatient(eq("p-hanging"), any(), any());

		worker.start();

		await().untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.DOWN));
		assertThat((String) health.health().getDetails().get("fault")).startsWith("no poll or patient finished for");
		release.countDown();
		await().untilAsserted(() -> verify(queue).done(hanging));
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aWorkerSwitchedOffIsNotAFault() {
		ScoringProperties off = new ScoringProperties(Map.of(), new ScoringProperties.Recompute(false, null, null,
				null, null, null, null), null);
		RederiveWorker idle = new RederiveWorker(queue, new PendingDerivations(queue, derivation, off, new SimpleMeterRegistry()), off);
		idle.start();
		Health switchedOff = new RederiveHealthIndicator(idle, queue, off).health();
		assertThat(switchedOff.getStatus()).isEqualTo(Status.UP);
		assertThat(switchedOff.getDetails()).containsEntry("enabled", false);
	}

	private static RederiveQueue.Entry entry(String patientId) {
		return new RederiveQueue.Entry(patientId, Long.MIN_VALUE, Long.MAX_VALUE, 1, 0, READ_AT);
	}
}
