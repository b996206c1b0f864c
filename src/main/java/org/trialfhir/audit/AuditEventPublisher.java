package org.trialfhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Moves audit rows from the outbox into AuditEvent resources, in the same transaction as their deletion. */
@Component
class AuditEventPublisher {

	private static final int BATCH = 200;

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
		Integer moved = transaction.execute(status -> {
			List<AuditOutbox.Row> rows = outbox.lockOldest(BATCH);
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
