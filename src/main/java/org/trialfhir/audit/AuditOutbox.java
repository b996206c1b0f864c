package org.trialfhir.audit;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail's durable first stop: one row per request, inserted synchronously (a single-row insert, far cheaper
 * than storing a FHIR resource), then turned into AuditEvent resources in batches by {@link AuditEventPublisher}.
 * A crash between the two loses nothing: the rows are still here at the next start.
 */
@Component
class AuditOutbox {

	private final JdbcTemplate jdbc;

	AuditOutbox(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void append(String auditEventJson) {
		jdbc.update("INSERT INTO trialfhir_audit_outbox (event_json) VALUES (?)", auditEventJson);
	}

	record Row(long id, String json) {}

	List<Row> oldest(int limit) {
		return jdbc.query("SELECT id, event_json FROM trialfhir_audit_outbox WHERE failed_at IS NULL ORDER BY id LIMIT ?",
				(rs, n) -> new Row(rs.getLong(1), rs.getString(2)), limit);
	}

	void delete(List<Row> rows) {
		jdbc.batchUpdate("DELETE FROM trialfhir_audit_outbox WHERE id = ?", rows, rows.size(),
				(statement, row) -> statement.setLong(1, row.id()));
	}

	/** A row that cannot become an AuditEvent stays here, set aside with the reason, for an operator to see. */
	void setAside(Row row, String failure) {
		jdbc.update("UPDATE trialfhir_audit_outbox SET failed_at = now(), failure = ? WHERE id = ?", failure, row.id());
	}

	long pending() {
		Long count = jdbc.queryForObject("SELECT count(*) FROM trialfhir_audit_outbox", Long.class);
		return count == null ? 0 : count;
	}
}
