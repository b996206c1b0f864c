package org.trialfhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves audit rows from the outbox into AuditEvent resources. Each batch is claimed (row locks, skipped by the
 * publishers of other instances), stored as one FHIR transaction and deleted in ONE database transaction: a batch is
 * published exactly once, whichever instance gets it, and a crash leaves it in the outbox whole. Each row becomes
 * {@code AuditEvent/audit-<row id>}; a request's receipts are dropped when its own row is published, and published
 * in its stead when that row never came.
 */
@Component
class AuditEventPublisher {

	private static final int BATCH = 200;
	private static final Logger log = LoggerFactory.getLogger(AuditEventPublisher.class);

	private final AuditOutbox outbox;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final FhirContext fhirContext;
	private final TransactionTemplate transaction;
	/** How long receipts wait for their request's row before they are published on their own. */
	private final long orphanSeconds;

	AuditEventPublisher(AuditOutbox outbox, IFhirSystemDao<Bundle, Meta> systemDao, FhirContext fhirContext,
			PlatformTransactionManager transactionManager,
			@Value("${trialfhir.audit.receipt-orphan-after:10m}") Duration orphanAfter) {
		this.outbox = outbox;
		this.orphanSeconds = orphanAfter.toSeconds();
		this.systemDao = systemDao;
		this.fhirContext = fhirContext;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@Scheduled(fixedDelayString = "${trialfhir.audit.publish-interval:500ms}")
	void publish() {
		int published;
		do {
			published = publishBatch(BATCH);
		} while (published == BATCH);
	}

	/** @return how many rows were published */
	private int publishBatch(int size) {
		try {
			Integer count = transaction.execute(status -> {
				List<AuditOutbox.Row> rows = outbox.claim(size, orphanSeconds);
				store(rows);
				return rows.size();
			});
			return count == null ? 0 : count;
		} catch (RuntimeException batchFailed) {
			// one bad row must not hold up the others: one by one, setting aside those that fail alone
			return size == 1 ? setAsideOldest(batchFailed) : publishOneByOne(size);
		}
	}

	private int publishOneByOne(int size) {
		int published = 0;
		for (int i = 0; i < size && publishBatch(1) == 1; i++) {
			published++;
		}
		return published;
	}

	private int setAsideOldest(RuntimeException failure) {
		transaction.executeWithoutResult(status -> outbox.claim(1, orphanSeconds).forEach(row -> {
			outbox.setAside(row, String.valueOf(failure.getMessage()));
			log.error("An audit record could not be stored as an AuditEvent; it stays in trialfhir_audit_outbox "
					+ "(row {})", row.id(), failure);
		}));
		return 0;
	}

	private void store(List<AuditOutbox.Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (AuditOutbox.Row row : rows) {
			AuditEvent event = fhirContext.newJsonParser().parseResource(AuditEvent.class, row.json());
			event.setId("audit-" + row.id());
			bundle.addEntry().setResource(event).getRequest().setMethod(Bundle.HTTPVerb.PUT)
					.setUrl("AuditEvent/audit-" + row.id());
		}
		systemDao.transaction(new SystemRequestDetails(), bundle);
		outbox.delete(rows);
	}
}
