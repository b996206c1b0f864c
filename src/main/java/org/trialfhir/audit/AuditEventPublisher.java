package org.trialfhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trialfhir.server.ResolvedIds;

/**
 * Moves audit rows from the outbox into AuditEvent resources. Each batch is claimed for a while (the publishers of
 * other instances skip it), then stored and deleted in ONE database transaction: a batch is published exactly once,
 * whenever its instance stops. Each row becomes {@code AuditEvent/audit-<row id>} (an update, so a row an older
 * version stored without deleting it overwrites its AuditEvent instead of duplicating it). A request's receipts are
 * dropped when its own row is published, and published in its stead when that row never came.
 * {@code trialfhir_audit_published_total} counts the records stored.
 *
 * <p>The AuditEvents are written through the AuditEvent DAO, not as a FHIR transaction bundle: HAPI's transaction
 * processor stores, encodes and indexes every entry twice (once as written, once after resolving the bundle's
 * references, which AuditEvents do not have) and builds a response bundle nobody reads. Which of them exist is looked
 * up in one query ({@link ResolvedIds}), as that processor does.
 */
@Component
class AuditEventPublisher {

	private static final int BATCH = 200;
	/** How long a claimed batch is this instance's to publish before another may take it. */
	private static final long LEASE_SECONDS = 300;
	private static final Logger log = LoggerFactory.getLogger(AuditEventPublisher.class);

	private final AuditOutbox outbox;
	private final IFhirResourceDao<AuditEvent> auditEvents;
	private final IIdHelperService<?> ids;
	private final TransactionTemplate transactions;
	private final FhirContext fhirContext;
	/** How long receipts wait for their request's row before they are published on their own. */
	private final long orphanSeconds;
	private final Counter published;

	AuditEventPublisher(AuditOutbox outbox, DaoRegistry daos, IIdHelperService<?> ids,
			PlatformTransactionManager transactionManager, FhirContext fhirContext,
			@Value("${trialfhir.audit.receipt-orphan-after:10m}") Duration orphanAfter, MeterRegistry registry) {
		this.outbox = outbox;
		this.orphanSeconds = orphanAfter.toSeconds();
		this.auditEvents = daos.getResourceDao(AuditEvent.class);
		this.ids = ids;
		this.transactions = new TransactionTemplate(transactionManager);
		this.fhirContext = fhirContext;
		this.published = Counter.builder("trialfhir.audit.published").description("Audit records stored as AuditEvents")
				.register(registry);
	}

	@Scheduled(fixedDelayString = "${trialfhir.audit.publish-interval:500ms}")
	void publish() {
		List<AuditOutbox.Row> rows;
		do {
			rows = outbox.claim(BATCH, orphanSeconds, LEASE_SECONDS);
			publishOrSetAside(rows);
		} while (rows.size() == BATCH);
	}

	private void publishOrSetAside(List<AuditOutbox.Row> rows) {
		try {
			store(rows);
		} catch (RuntimeException batchFailed) {
			// one bad row must not hold up the others: store them one by one, setting aside the ones that fail alone
			for (AuditOutbox.Row row : rows) {
				try {
					store(List.of(row));
				} catch (RuntimeException rowFailed) {
					outbox.setAside(row, String.valueOf(rowFailed.getMessage()));
					log.error("An audit record could not be stored as an AuditEvent; it stays in trialfhir_audit_outbox "
							+ "(row {})", row.id(), rowFailed);
				}
			}
		}
	}

	private void store(List<AuditOutbox.Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		List<AuditEvent> events = rows.stream().map(this::toEvent).toList();
		transactions.executeWithoutResult(status -> {
			TransactionDetails details = new TransactionDetails();
			ResolvedIds.recordWhichExist(ids, events.stream().map(AuditEvent::getIdElement).toList(), Set.of(), details);
			for (AuditEvent event : events) {
				auditEvents.update(event, null, true, false, new SystemRequestDetails(), details);
			}
			outbox.delete(rows);
		});
		published.increment(rows.size());
	}

	private AuditEvent toEvent(AuditOutbox.Row row) {
		AuditEvent event = fhirContext.newJsonParser().parseResource(AuditEvent.class, row.json());
		event.setId(new IdType("AuditEvent", "audit-" + row.id()));
		return event;
	}

}
