package org.trialfhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trialfhir.support.TrialFhirServerTest;

/**
 * What the publisher removes from the outbox once a batch is stored: exactly the rows of the batch and the receipts of
 * its requests — no other request's row or receipt — and nothing when its transaction rolls back. The rows of this
 * test are claimed for an hour as they are inserted, so the running publisher leaves them alone.
 */
@TrialFhirServerTest
class AuditOutboxIT {

	@Autowired
	AuditOutbox outbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	private final String marker = "outbox-it-" + UUID.randomUUID();

	@AfterEach
	void removeThisTestsRows() {
		jdbc.update("DELETE FROM trialfhir_audit_outbox WHERE event_json = ?", marker);
	}

	@Test
	void aPublishedBatchTakesItsRowsAndTheReceiptsOfItsRequestsAndNothingElse() {
		UUID published = UUID.randomUUID();
		UUID waiting = UUID.randomUUID();
		UUID orphaned = UUID.randomUUID();
		AuditOutbox.Row publishedRequest = insert(published, AuditOutbox.Kind.request);
		insert(published, AuditOutbox.Kind.receipt);
		insert(published, AuditOutbox.Kind.receipt);
		AuditOutbox.Row waitingRequest = insert(waiting, AuditOutbox.Kind.request);
		AuditOutbox.Row waitingReceipt = insert(waiting, AuditOutbox.Kind.receipt);
		AuditOutbox.Row orphanedReceipt = insert(orphaned, AuditOutbox.Kind.receipt); // published in its request's stead
		AuditOutbox.Row untouchedOrphan = insert(orphaned, AuditOutbox.Kind.receipt);

		outbox.delete(List.of(publishedRequest, orphanedReceipt));

		assertThat(remaining()).containsExactlyInAnyOrder(waitingRequest.id(), waitingReceipt.id(),
				untouchedOrphan.id());
	}

	@Test
	void aBatchWhoseStoreRollsBackLeavesEveryRow() {
		UUID request = UUID.randomUUID();
		AuditOutbox.Row requestRow = insert(request, AuditOutbox.Kind.request);
		AuditOutbox.Row receipt = insert(request, AuditOutbox.Kind.receipt);

		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			outbox.delete(List.of(requestRow));
			assertThat(remaining()).as("inside the transaction").isEmpty();
			status.setRollbackOnly(); // as when storing an AuditEvent of the batch fails
		});

		assertThat(remaining()).containsExactlyInAnyOrder(requestRow.id(), receipt.id());
	}

	@Test
	void anEmptyBatchDeletesNothing() {
		AuditOutbox.Row row = insert(UUID.randomUUID(), AuditOutbox.Kind.request);

		outbox.delete(List.of());

		assertThat(remaining()).containsExactly(row.id());
	}

	private AuditOutbox.Row insert(UUID requestId, AuditOutbox.Kind kind) {
		long id = jdbc.queryForObject("INSERT INTO trialfhir_audit_outbox (request_id, kind, event_json, claimed_until) "
				+ "VALUES (?, ?, ?, now() + interval '1 hour') RETURNING id", Long.class, requestId, kind.name(), marker);
		return new AuditOutbox.Row(id, requestId, kind, marker);
	}

	private List<Long> remaining() {
		return jdbc.queryForList("SELECT id FROM trialfhir_audit_outbox WHERE event_json = ?", Long.class, marker);
	}
}
