package org.trialfhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

/**
 * Moves audit rows from the outbox into AuditEvent resources. Each batch is claimed for a while (the publishers of
 * other instances skip it), stored as one FHIR transaction, then deleted. Each row becomes
 * {@code AuditEvent/audit-<row id>} by PUT, so a batch published twice — its instance stopped between storing and
 * deleting, and the claim lapsed — overwrites itself instead of duplicating. A request's receipts are dropped when
 * its own row is published, and published in its stead when that row never came. {@code trialfhir_audit_published_total}
 * counts the records stored.
 */
@Component
class AuditEventPublisher {

	private static final int BATCH = 200;
	/** How long a claimed batch is this instance's to publish before another may take it. */
	private static final long LEASE_SECONDS = 300;
	private static final Logger log = LoggerFactory.getLogger(AuditEventPublisher.class);

	private final AuditOutbox outbox;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final FhirContext fhirContext;
	/** How long receipts wait for their request's row before they are published on their own. */
	private final long orphanSeconds;
	private final Counter published;

	AuditEventPublisher(AuditOutbox outbox, IFhirSystemDao<Bundle, Meta> systemDao, FhirContext fhirContext,
			@Value("${trialfhir.audit.receipt-orphan-after:10m}") Duration orphanAfter, MeterRegistry registry) {
		this.outbox = outbox;
		this.orphanSeconds = orphanAfter.toSeconds();
		this.systemDao = systemDao;
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
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (AuditOutbox.Row row : rows) {
			AuditEvent event = fhirContext.newJsonParser().parseResource(AuditEvent.class, row.json());
			event.setId("audit-" + row.id());
			bundle.addEntry().setResource(event).getRequest().setMethod(Bundle.HTTPVerb.PUT)
					.setUrl("AuditEvent/audit-" + row.id());
		}
		systemDao.transaction(new SystemRequestDetails(), bundle);
		published.increment(rows.size()); // before the rows go: an empty outbox means every one is counted
		outbox.delete(rows);
	}
}
