package org.trialfhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.trialfhir.server.AdvisoryLock;

/**
 * Moves audit rows from the outbox into AuditEvent resources, a FHIR transaction per batch (HAPI writes it in JDBC
 * batches). Each row becomes {@code AuditEvent/audit-<row id>} by PUT, so a batch stored just before a crash and
 * published again at the next start overwrites itself instead of duplicating; the rows are deleted afterwards.
 * One publisher at a time across the server instances on the database (an advisory lock) drains the rows of every
 * instance: two would read the same oldest rows and both store them (the second PUT changes nothing, but a quarter of
 * the records were stored twice in TwoInstancesIT). {@code trialfhir_audit_published_total} counts the records stored.
 */
@Component
class AuditEventPublisher {

	private static final int BATCH = 200;
	/** This feature's namespace of advisory locks ("TFAU"). */
	private static final int NAMESPACE = 0x54464155;
	private static final Logger log = LoggerFactory.getLogger(AuditEventPublisher.class);

	private final AuditOutbox outbox;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final FhirContext fhirContext;
	private final DataSource dataSource;
	private final Counter published;

	AuditEventPublisher(AuditOutbox outbox, IFhirSystemDao<Bundle, Meta> systemDao, FhirContext fhirContext,
			DataSource dataSource, MeterRegistry registry) {
		this.outbox = outbox;
		this.systemDao = systemDao;
		this.fhirContext = fhirContext;
		this.dataSource = dataSource;
		this.published = Counter.builder("trialfhir.audit.published").description("Audit records stored as AuditEvents")
				.register(registry);
	}

	@Scheduled(fixedDelayString = "${trialfhir.audit.publish-interval:500ms}")
	void publish() {
		Optional<AdvisoryLock> lock = AdvisoryLock.tryAcquire(dataSource, NAMESPACE, "outbox");
		if (lock.isEmpty()) {
			return; // another instance is publishing
		}
		try (AdvisoryLock held = lock.get()) {
			List<AuditOutbox.Row> rows;
			do {
				rows = outbox.oldest(BATCH);
				publishOrSetAside(rows);
			} while (rows.size() == BATCH);
		}
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
					log.error("An audit record could not be stored as an AuditEvent; it stays in trialfhir_audit_outbox",
							rowFailed);
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
