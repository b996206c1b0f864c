package org.trialfhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
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
import org.trialfhir.server.FhirStorageInterceptor;

/**
 * No client write commits without its audit record: every resource a client request writes is noted, and one receipt
 * row (every resource of the transaction, with its new version) is inserted into the audit outbox just before the
 * transaction commits, on the transaction's own connection. If that insert fails, the transaction rolls back and the
 * client gets a 5xx; a rolled-back write leaves no receipt.
 */
@Component
@Interceptor
class AuditReceipts implements FhirStorageInterceptor {

	private static final Logger log = LoggerFactory.getLogger(AuditReceipts.class);

	private final AuditOutbox outbox;
	private final AuditEventFactory events;

	AuditReceipts(AuditOutbox outbox, AuditEventFactory events) {
		this.outbox = outbox;
		this.events = events;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		note(request, resource, "C");
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		note(request, resource, "U");
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, RequestDetails request) {
		note(request, resource, "D");
	}

	private void note(RequestDetails request, IBaseResource resource, String action) {
		if (!ClientRequests.isClient(request) || !(request instanceof ServletRequestDetails servlet)
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		AuditRecord record = AuditRecord.of(servlet.getServletRequest()).orElse(null);
		if (record == null) {
			return;
		}
		Receipt receipt = (Receipt) TransactionSynchronizationManager.getResource(this);
		if (receipt == null) {
			receipt = new Receipt(record);
			TransactionSynchronizationManager.bindResource(this, receipt);
			TransactionSynchronizationManager.registerSynchronization(receipt);
		}
		receipt.written.add(new AuditEventFactory.WrittenResource(
				new IdType(resource.fhirType(), resource.getIdElement().getIdPart(),
						resource.getIdElement().getVersionIdPart()),
				action));
	}

	/** The writes of one transaction, inserted as one outbox row just before it commits. */
	private final class Receipt implements TransactionSynchronization {
		private final AuditRecord record;
		private final List<AuditEventFactory.WrittenResource> written = new ArrayList<>();

		Receipt(AuditRecord record) {
			this.record = record;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			try {
				outbox.append(record.requestId, AuditOutbox.Kind.receipt, events.toJson(events.receipt(record, written)));
			} catch (RuntimeException e) {
				// a fault of the server, not a conflict of the client's data: the write is rolled back and answered
				// 500 (without the cause, which HAPI would take for a retryable version conflict and answer 409)
				log.error("A write's audit receipt could not be written; the write is rolled back", e);
				throw new InternalErrorException("The write could not be recorded in the audit trail and was rolled "
						+ "back; retry later");
			}
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(AuditReceipts.this);
		}
	}
}
