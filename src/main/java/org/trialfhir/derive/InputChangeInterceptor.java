package org.trialfhir.derive;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.micrometer.core.instrument.Timer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.trialfhir.derive.RederiveQueue.Change;
import org.trialfhir.server.TransactionScoped;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;

/**
 * Keeps derived scores from going stale: every write of a scoring input (also internal DAO writes: the write
 * pipeline's {@code queue-rederivation} step runs for every write) queues its patient for re-derivation in the SAME
 * transaction. The changes of one
 * transaction are collected per patient and written once, just before it commits; a rolled-back write queues
 * nothing, a committed one cannot be lost. The writes of a bulk load queue their patients held
 * ({@link RederivationHold}).
 */
@Component
class InputChangeInterceptor implements WriteStep {

	private final RederiveQueue queue;
	private final ScoringProperties properties;
	/** The transaction's persistence context, flushed before the queue's rows are locked (see {@link Pending}). */
	@PersistenceContext
	private EntityManager entityManager;

	InputChangeInterceptor(RederiveQueue queue, ScoringProperties properties) {
		this.queue = queue;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "queue-rederivation";
	}

	@Override
	public void afterStore(WriteContext write) {
		Queueing queueing = new Queueing(write.timer(), delayFor(write.request()));
		switch (write.kind()) {
			case CREATE -> created(write.resource(), queueing);
			case UPDATE -> updated(write.previous(), write.resource(), queueing);
			case DELETE -> changed(InputChanges.of(write.resource()), queueing);
		}
	}

	private Duration delayFor(RequestDetails request) {
		return RederivationHold.isHeld(request) ? RederivationHold.HELD : properties.recompute().delay();
	}

	/** The step's timer (the queue row inserted at commit is this step's time too) and when the patient falls due. */
	private record Queueing(Timer timer, Duration delay) {
	}

	private void created(IBaseResource resource, Queueing queueing) {
		if (!(resource instanceof Patient)) { // a new Patient has no subject yet
			changed(InputChanges.of(resource), queueing);
		}
	}

	private void updated(IBaseResource previous, IBaseResource current, Queueing queueing) {
		Optional<Change> before = InputChanges.of(previous);
		Optional<Change> after = InputChanges.of(current);
		if (before.isPresent() && after.isPresent() && before.get().patientId().equals(after.get().patientId())) {
			changed(Optional.of(before.get().merge(after.get())), queueing); // e.g. a time moved: both days
		} else {
			changed(before, queueing);
			changed(after, queueing);
		}
	}

	private void changed(Optional<Change> change, Queueing queueing) {
		change.ifPresent(c -> {
			Pending pending = pending(queueing);
			if (pending != null && !pending.enqueued) {
				pending.add(c);
			} else {
				queue.enqueue(List.of(c), queueing.delay());
			}
		});
	}

	/** This transaction's collector, registered on first use; null outside a Spring transaction. */
	private Pending pending(Queueing queueing) {
		return TransactionScoped.get(this, () -> new Pending(queueing));
	}

	/**
	 * The changes of one transaction, one per patient, written just before it commits. The upsert locks the patient's
	 * row until the commit, and every other write for that patient waits for it: HAPI's pending index rows are flushed
	 * first, so the lock is held for the upsert and the commit only, not for the flush too.
	 */
	private final class Pending implements TransactionSynchronization {
		// by patient id: every transaction upserts its rows in the same order, so two (parallel import chunks) never
		// wait for each other's rows crosswise
		private final Map<String, Change> byPatient = new TreeMap<>();
		private final Queueing queueing;
		/** Set at the commit: a change made after it (by a later commit hook's write) goes to the queue at once. */
		private boolean enqueued;

		Pending(Queueing queueing) {
			this.queueing = queueing;
		}

		void add(Change change) {
			byPatient.merge(change.patientId(), change, Change::merge);
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			enqueued = true;
			if (!byPatient.isEmpty()) {
				entityManager.flush();
				queueing.timer().record(() -> queue.enqueue(byPatient.values(), queueing.delay()));
			}
		}
	}
}
