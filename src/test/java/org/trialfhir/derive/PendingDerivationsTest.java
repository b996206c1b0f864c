package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.trialfhir.server.AdvisoryLock;

/**
 * {@link PendingDerivations#settle} with the queue and the derivation replaced by mocks: a row no thread can claim
 * (another session holds its patient's lock, a bulk load holds it back) ends the wait once nothing has left the queue
 * for {@code stalled-after}, naming the patients left, instead of waiting for ever. The timeout only keeps a hang from
 * blocking the build: the bound under test is 200 ms.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PendingDerivationsTest {

	static final Instant READ_AT = Instant.parse("2026-05-01T00:00:00Z");

	final RederiveQueue queue = mock(RederiveQueue.class);
	final ScoreDerivation derivation = mock(ScoreDerivation.class);
	final ScoringProperties properties = new ScoringProperties(Map.of(), new ScoringProperties.Recompute(true,
			Duration.ZERO, null, Duration.ofMillis(20), 50, Duration.ofSeconds(30), Duration.ofMillis(200)), 2);
	final PendingDerivations pending = new PendingDerivations(queue, derivation, properties, new SimpleMeterRegistry());
	/** The patients still queued: the mocked queue's rows. */
	final Set<String> queued = ConcurrentHashMap.newKeySet();

	@Test
	void aRowNoOneCanClaimEndsTheWaitNamingItsPatient() {
		queued.addAll(List.of("p-locked", "p-free"));
		when(queue.pending(anyCollection())).thenAnswer(call -> queued.stream().sorted().map(this::entry).toList());
		// p-locked's lock is held elsewhere for ever; p-free is claimed and derived, which removes its row
		when(queue.claim("p-locked")).thenReturn(Optional.empty());
		when(queue.claim("p-free")).thenAnswer(call -> Optional.of(new RederiveQueue.Claim(entry("p-free"),
				mock(AdvisoryLock.class))));
		doAnswer(call -> queued.remove(call.<RederiveQueue.Entry>getArgument(0).patientId())).when(queue)
				.done(any());

		PendingDerivations.Unsettled unsettled = catchThrowableOfType(PendingDerivations.Unsettled.class,
				() -> pending.settle(List.of("p-locked", "p-free")));

		assertThat(unsettled).as("settle gave up").isNotNull();
		assertThat(unsettled.patientIds()).containsExactly("p-locked");
		assertThat(unsettled.getMessage()).contains("Patient/p-locked").doesNotContain("p-free");
		verify(derivation).rederivePatient("p-free", null, null);
		verify(derivation, never()).rederivePatient(org.mockito.ArgumentMatchers.eq("p-locked"), any(), any());
	}

	@Test
	void everyRowClaimedReturnsWithoutNotes() throws InterruptedException {
		queued.addAll(List.of("p-1", "p-2", "p-3"));
		when(queue.pending(anyCollection())).thenAnswer(call -> queued.stream().sorted().map(this::entry).toList());
		when(queue.claim(org.mockito.ArgumentMatchers.anyString())).thenAnswer(call -> Optional.of(
				new RederiveQueue.Claim(entry(call.getArgument(0)), mock(AdvisoryLock.class))));
		doAnswer(call -> queued.remove(call.<RederiveQueue.Entry>getArgument(0).patientId())).when(queue)
				.done(any());

		assertThat(pending.settle(List.of("p-1", "p-2", "p-3"))).isEmpty();
		assertThat(queued).isEmpty();
	}

	private RederiveQueue.Entry entry(String patientId) {
		return new RederiveQueue.Entry(patientId, Long.MIN_VALUE, Long.MAX_VALUE, 1, 0, READ_AT);
	}
}
