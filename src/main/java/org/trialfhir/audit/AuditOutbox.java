package org.trialfhir.audit;

import java.sql.PreparedStatement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail's durable first stop (table trialfhir_audit_outbox), turned into AuditEvent resources by
 * {@link AuditEventPublisher}. Two kinds of row, both keyed by the request's id: the {@code request} row, one per
 * request, written when its status is known; and the {@code receipt} row of each write transaction of a client,
 * written inside that transaction, so no write commits unaudited. A request's receipts stand in for it only when its
 * own row never came (the server stopped in between).
 */
@Component
class AuditOutbox {

	enum Kind { request, receipt }

	record Row(long id, UUID requestId, Kind kind, String json) {}

	private static final String COLUMNS = "id, request_id, kind, event_json";

	private final JdbcTemplate jdbc;

	AuditOutbox(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Joins the caller's transaction when there is one (JdbcTemplate on the JPA transaction's connection). */
	void append(UUID requestId, Kind kind, String auditEventJson) {
		jdbc.update("INSERT INTO trialfhir_audit_outbox (request_id, kind, event_json) VALUES (?, ?, ?)", requestId,
				kind.name(), auditEventJson);
	}

	/**
	 * Claims the oldest rows to publish for {@code leaseSeconds}, during which every other instance's publisher skips
	 * them: the request rows, and receipts whose request row has not come for {@code orphanSeconds}. A claim that
	 * lapses (its instance stopped before deleting the rows) is taken again; publishing is idempotent.
	 */
	List<Row> claim(int limit, long orphanSeconds, long leaseSeconds) {
		return jdbc.query("UPDATE trialfhir_audit_outbox SET claimed_until = now() + make_interval(secs => ?) "
				+ "WHERE id IN (SELECT id FROM trialfhir_audit_outbox WHERE failed_at IS NULL "
				+ "AND (claimed_until IS NULL OR claimed_until < now()) "
				+ "AND (kind = 'request' OR recorded_at < now() - make_interval(secs => ?)) "
				+ "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS,
				(rs, n) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), Kind.valueOf(rs.getString(3)),
						rs.getString(4)),
				leaseSeconds, orphanSeconds, limit).stream()
				.sorted(Comparator.comparingLong(Row::id)).toList();
	}

	/**
	 * Deletes the published rows and the receipts their requests' rows stood for: two statements for a whole batch
	 * (a batched statement per row would be one execution per row on the database).
	 */
	void delete(List<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		jdbc.update(con -> {
			PreparedStatement statement = con.prepareStatement("DELETE FROM trialfhir_audit_outbox WHERE id = ANY (?)");
			statement.setArray(1, con.createArrayOf("bigint", rows.stream().map(Row::id).toArray(Long[]::new)));
			return statement;
		});
		UUID[] requests = rows.stream().filter(row -> row.kind() == Kind.request && row.requestId() != null)
				.map(Row::requestId).toArray(UUID[]::new);
		if (requests.length > 0) {
			jdbc.update(con -> {
				PreparedStatement statement = con.prepareStatement(
						"DELETE FROM trialfhir_audit_outbox WHERE kind = 'receipt' AND request_id = ANY (?)");
				statement.setArray(1, con.createArrayOf("uuid", requests));
				return statement;
			});
		}
	}

	/** A row that cannot become an AuditEvent stays here, set aside with the reason, for an operator to see. */
	void setAside(Row row, String failure) {
		jdbc.update("UPDATE trialfhir_audit_outbox SET failed_at = now(), failure = ? WHERE id = ?", failure, row.id());
	}
}
