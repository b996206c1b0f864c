package org.trialfhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class TransactionScopedTest {

	private static final String KEY = "test-state";

	/** Spring's own transaction lifecycle (begin, suspend, resume, commit, rollback) without a resource behind it. */
	private static final class LifecycleOnly extends AbstractPlatformTransactionManager {
		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected boolean isExistingTransaction(Object transaction) {
			return TransactionSynchronizationManager.isActualTransactionActive();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected Object doSuspend(Object transaction) {
			return transaction;
		}

		@Override
		protected void doResume(Object transaction, Object suspendedResources) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}
	}

	/** What a write step keeps per transaction. */
	private static final class State {
	}

	private final LifecycleOnly manager = new LifecycleOnly();

	@Test
	void outsideATransactionThereIsNoState() {
		assertThat((Object) TransactionScoped.get(KEY, State::new)).isNull();
	}

	@Test
	void oneValuePerTransactionFoundAgainUntilItCompletes() {
		TransactionTemplate tx = new TransactionTemplate(manager);
		State first = tx.execute(status -> {
			State value = TransactionScoped.get(KEY, State::new);
			assertThat((Object) TransactionScoped.get(KEY, State::new)).isSameAs(value);
			return value;
		});
		assertThat(TransactionSynchronizationManager.getResource(KEY)).isNull();
		State second = tx.execute(status -> TransactionScoped.get(KEY, State::new));
		assertThat(second).isNotSameAs(first);
		assertThat(TransactionSynchronizationManager.getResource(KEY)).isNull();
	}

	@Test
	void aRolledBackTransactionLeavesNothingBound() {
		TransactionTemplate tx = new TransactionTemplate(manager);
		tx.executeWithoutResult(status -> {
			TransactionScoped.get(KEY, State::new);
			status.setRollbackOnly();
		});
		assertThat(TransactionSynchronizationManager.getResource(KEY)).isNull();
	}

	@Test
	void aNestedNewTransactionHasItsOwnAndTheOuterGetsItsBack() {
		TransactionTemplate outer = new TransactionTemplate(manager);
		TransactionTemplate inner = new TransactionTemplate(manager);
		inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		outer.executeWithoutResult(status -> {
			State outerValue = TransactionScoped.get(KEY, State::new);
			State innerValue = inner.execute(s -> TransactionScoped.get(KEY, State::new));
			assertThat(innerValue).isNotSameAs(outerValue);
			assertThat((Object) TransactionScoped.get(KEY, State::new)).isSameAs(outerValue);
		});
	}

	@Test
	void aValueThatIsASynchronizationIsToldOfTheCommitOnce() {
		List<String> calls = new ArrayList<>();
		class Collector implements TransactionSynchronization {
			@Override
			public void beforeCommit(boolean readOnly) {
				calls.add("beforeCommit");
			}
		}
		new TransactionTemplate(manager).executeWithoutResult(status -> {
			TransactionScoped.get(KEY, Collector::new);
			TransactionScoped.get(KEY, Collector::new);
		});
		assertThat(calls).containsExactly("beforeCommit");
	}
}
