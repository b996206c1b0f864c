package org.trialfhir.server;

import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * State that lives exactly as long as the current Spring transaction: the write steps' per-transaction collectors
 * (the audit receipt, the re-derivation changes, the enrolments a transaction knows). Bound to the thread as a
 * transaction manager binds its own resources, so that finding it again is one map lookup: asking Spring for the
 * registered synchronizations instead copies and sorts all of them, once per bundle entry.
 */
public final class TransactionScoped {

	private TransactionScoped() {
	}

	/**
	 * The value bound to {@code key} in the current transaction, created on first use; null outside a transaction.
	 * It is unbound when the transaction completes and while it is suspended (a nested {@code REQUIRES_NEW}
	 * transaction gets its own). A value that is itself a {@link TransactionSynchronization} is registered as one.
	 */
	@SuppressWarnings("unchecked")
	public static <T> T get(Object key, Supplier<T> create) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		Object bound = TransactionSynchronizationManager.getResource(key);
		if (bound != null) {
			return (T) bound;
		}
		T value = create.get();
		TransactionSynchronizationManager.bindResource(key, value);
		TransactionSynchronizationManager.registerSynchronization(new Binding(key, value));
		if (value instanceof TransactionSynchronization synchronization) {
			TransactionSynchronizationManager.registerSynchronization(synchronization);
		}
		return value;
	}

	/** Keeps the binding in step with the transaction's own synchronizations. */
	private record Binding(Object key, Object value) implements TransactionSynchronization {
		@Override
		public void suspend() {
			TransactionSynchronizationManager.unbindResourceIfPossible(key);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.bindResource(key, value);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(key);
		}
	}
}
