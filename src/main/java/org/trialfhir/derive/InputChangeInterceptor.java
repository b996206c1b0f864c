package org.trialfhir.derive;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.trialfhir.derive.RederiveQueue.Change;
import org.trialfhir.server.FhirStorageInterceptor;

/**
 * Keeps derived scores from going stale: every write of a scoring input (also internal DAO writes, so registered on
 * HAPI's JPA interceptor service) queues its patient for re-derivation in the SAME transaction. The changes of one
 * transaction are collected per patient and written once, just before it commits; a rolled-back write queues
 * nothing, a committed one cannot be lost.
 */
@Component
@Interceptor
class InputChangeInterceptor implements FhirStorageInterceptor {

	private final RederiveQueue queue;
	private final ScoringProperties properties;

	InputChangeInterceptor(RederiveQueue queue, ScoringProperties properties) {
		this.queue = queue;
		this.properties = properties;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof Patient)) { // a new Patient has no subject yet
			changed(InputChanges.of(resource), request);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource current, RequestDetails request) {
		Optional<Change> before = InputChanges.of(previous);
		Optional<Change> after = InputChanges.of(current);
		if (before.isPresent() && after.isPresent() && before.get().patientId().equals(after.get().patientId())) {
			changed(Optional.of(before.get().merge(after.get())), request); // e.g. a time moved: both days
		} else {
			changed(before, request);
			changed(after, request);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, RequestDetails request) {
		changed(InputChanges.of(resource), request);
	}

	private void changed(Optional<Change> change, RequestDetails request) {
		Duration delay = RederivationHold.isHeld(request) ? RederivationHold.HELD : properties.recompute().delay();
		change.ifPresent(c -> {
			Pending pending = pending(delay);
			if (pending != null && !pending.flushed) {
				pending.add(c);
			} else {
				queue.enqueue(List.of(c), delay);
			}
		});
	}

	/**
	 * This transaction's collector, registered on first use; null outside a Spring transaction. Synchronizations are
	 * per transaction (suspended with it), so a nested transaction gets its own.
	 */
	private Pending pending(Duration delay) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
			if (s instanceof Pending pending) {
				return pending;
			}
		}
		Pending pending = new Pending(delay);
		TransactionSynchronizationManager.registerSynchronization(pending);
		return pending;
	}

	/** The changes of one transaction, one per patient, written just before it commits. */
	private final class Pending implements TransactionSynchronization {
		private final Map<String, Change> byPatient = new LinkedHashMap<>();
		private final Duration delay;
		private boolean flushed;

		Pending(Duration delay) {
			this.delay = delay;
		}

		void add(Change change) {
			byPatient.merge(change.patientId(), change, Change::merge);
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			flushed = true;
			if (!byPatient.isEmpty()) {
				queue.enqueue(byPatient.values(), delay);
			}
		}
	}
}
