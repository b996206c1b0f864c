package org.trialfhir.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.trialfhir.security.ClientRequests;
import org.trialfhir.server.TransactionScoped;
import org.trialfhir.server.WriteContext;
import org.trialfhir.server.WriteStep;

/**
 * No client write commits without its audit record: every resource a client request writes is noted, and one receipt
 * row (every resource of the transaction, with its new version) is inserted into the audit outbox just before the
 * transaction commits, on the transaction's own connection. If that insert fails, the transaction rolls back and the
 * client gets a 5xx; a rolled-back write leaves no receipt. The write pipeline's {@code audit} step.
 */
@Component
class AuditReceipts implements WriteStep {

	private static final Logger log = LoggerFactory.getLogger(AuditReceipts.class);

	private final AuditOutbox outbox;
	private final AuditEventFactory events;

	AuditReceipts(AuditOutbox outbox, AuditEventFactory events) {
		this.outbox = outbox;
		this.events = events;
	}

	@Override
	public String name() {
		return "audit";
	}

	/** For every write: the server's own writes are not a client's and leave no receipt. */
	@Override
	public void afterStore(WriteContext write) {
		String action = switch (write.kind()) {
			case CREATE -> "C";
			case UPDATE -> "U";
			case DELETE -> "D";
		};
		note(write.request(), write.resource(), action, write.timer());
	}

	private void note(RequestDetails request, IBaseResource resource, String action, Timer timer) {
		if (!ClientRequests.isClient(request) || !(request instanceof ServletRequestDetails servlet)
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		AuditRecord record = AuditRecord.of(servlet.getServletRequest()).orElse(null);
		if (record == null) {
			return;
		}
		Receipt receipt = TransactionScoped.get(this, () -> new Receipt(record, timer));
		receipt.written.add(new AuditEventFactory.WrittenResource(
				new IdType(resource.fhirType(), resource.getIdElement().getIdPart(),
						resource.getIdElement().getVersionIdPart()),
				action));
	}

	/** The writes of one transaction, inserted as one outbox row just before it commits. */
	private final class Receipt implements TransactionSynchronization {
		private final AuditRecord record;
		private final List<AuditEventFactory.WrittenResource> written = new ArrayList<>();
		/** The step's timer: the outbox row inserted at commit is this step's time too. */
		private final Timer timer;

		Receipt(AuditRecord record, Timer timer) {
			this.record = record;
			this.timer = timer;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			try {
				timer.record(() -> outbox.append(record.requestId, AuditOutbox.Kind.receipt,
						events.toJson(events.receipt(record, written))));
			} catch (RuntimeException e) {
				// a fault of the server, not a conflict of the client's data: the write is rolled back and answered
				// 500 (without the cause, which HAPI would take for a retryable version conflict and answer 409)
				log.error("A write's audit receipt could not be written; the write is rolled back", e);
				throw new InternalErrorException("The write could not be recorded in the audit trail and was rolled "
						+ "back; retry later");
			}
		}
	}
}
