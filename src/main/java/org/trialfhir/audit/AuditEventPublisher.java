package org.trialfhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Moves audit rows from the outbox into AuditEvent resources, in the same transaction as their deletion. */
@Component
class AuditEventPublisher {

	private static final int BATCH = 200;
	private static final Logger log = LoggerFactory.getLogger(AuditEventPublisher.class);

	private final AuditOutbox outbox;
	private final IFhirResourceDao<AuditEvent> auditEvents;
	private final FhirContext fhirContext;
	private final TransactionTemplate transaction;

	AuditEventPublisher(AuditOutbox outbox, DaoRegistry daoRegistry, FhirContext fhirContext,
			PlatformTransactionManager transactionManager) {
		this.outbox = outbox;
		this.auditEvents = daoRegistry.getResourceDao(AuditEvent.class);
		this.fhirContext = fhirContext;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@Scheduled(fixedDelayString = "${trialfhir.audit.publish-interval:500ms}")
	void publish() {
		int moved;
		do {
			moved = publishBatch();
		} while (moved == BATCH);
	}

	int publishBatch() {
		try {
			return publish(BATCH);
		} catch (RuntimeException batchFailed) {
			// one bad row must not block the others: retry one by one, setting aside the rows that fail alone
			int moved = 0;
			for (int i = 0; i < BATCH; i++) {
				try {
					int one = publish(1);
					if (one == 0) {
						break;
					}
					moved += one;
				} catch (RuntimeException rowFailed) {
					transaction.executeWithoutResult(status -> outbox.lockOldest(1)
							.forEach(row -> outbox.setAside(row, String.valueOf(rowFailed.getMessage()))));
					log.error("An audit record could not be stored as an AuditEvent; it stays in trialfhir_audit_outbox",
							rowFailed);
				}
			}
			return moved;
		}
	}

	private int publish(int limit) {
		Integer moved = transaction.execute(status -> {
			List<AuditOutbox.Row> rows = outbox.lockOldest(limit);
			for (AuditOutbox.Row row : rows) {
				AuditEvent event = fhirContext.newJsonParser().parseResource(AuditEvent.class, row.json());
				auditEvents.create(event, new SystemRequestDetails());
			}
			outbox.delete(rows);
			return rows.size();
		});
		return moved == null ? 0 : moved;
	}
}
