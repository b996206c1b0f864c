package org.trialfhir.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.trialfhir.derive.Records.at;
import static org.trialfhir.derive.Records.quantity;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.trialfhir.derive.RederiveQueue.Change;
import org.trialfhir.server.WriteContext;

/** When a transaction's changes reach the queue: once per patient, at its commit, after HAPI's own rows. */
class InputChangeInterceptorTest {

	private final RederiveQueue queue = mock(RederiveQueue.class);
	private final EntityManager entityManager = mock(EntityManager.class);
	private final InputChangeInterceptor interceptor = new InputChangeInterceptor(queue,
			new ScoringProperties(Map.of(), new ScoringProperties.Recompute(true, Duration.ofSeconds(2), null, null, null,
					null, null), null));

	@BeforeEach
	void inATransaction() {
		ReflectionTestUtils.setField(interceptor, "entityManager", entityManager);
		TransactionSynchronizationManager.initSynchronization();
	}

	@AfterEach
	void transactionOver() {
		List.copyOf(TransactionSynchronizationManager.getResourceMap().keySet())
				.forEach(TransactionSynchronizationManager::unbindResource);
		TransactionSynchronizationManager.clearSynchronization();
	}

	@Test
	void aTransactionsChangesAreQueuedOncePerPatientAfterHapisRowsAreFlushed() {
		interceptor.afterStore(created(quantity("plt", "777-3", "12", "10*4/uL", at(5))));
		interceptor.afterStore(created(quantity("plt2", "777-3", "15", "10*4/uL", at(9))));
		verify(queue, never()).enqueue(anyCollection(), any());

		TransactionSynchronizationManager.getSynchronizations().forEach(sync -> sync.beforeCommit(false));

		// the patient's queue row stays locked until the commit: HAPI's index rows must not be written under it
		InOrder order = inOrder(entityManager, queue);
		order.verify(entityManager).flush();
		@SuppressWarnings("unchecked")
		ArgumentCaptor<Collection<Change>> changes = ArgumentCaptor.forClass(Collection.class);
		order.verify(queue).enqueue(changes.capture(), any());
		assertThat(changes.getValue()).containsExactly(
				new Change("p1", at(5).toEpochMilli(), at(9).toEpochMilli()));
	}

	@Test
	void aTransactionWithoutScoringInputsNeitherFlushesNorQueues() {
		interceptor.afterStore(created(new Patient()));
		TransactionSynchronizationManager.getSynchronizations().forEach(sync -> sync.beforeCommit(false));
		verify(entityManager, never()).flush();
		verify(queue, never()).enqueue(anyCollection(), any());
	}

	private static WriteContext created(IBaseResource resource) {
		return new WriteContext(WriteContext.Kind.CREATE, null, resource, null,
				new SimpleMeterRegistry().timer("queue-rederivation"));
	}
}
