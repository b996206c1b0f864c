package org.trialfhir.derive;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.trialfhir.server.AdvisoryLock;

/**
 * The durable queue of patients to re-derive ({@code db/migration}). A change is upserted in the transaction of the
 * input write: a burst for one patient becomes one row whose time range grows and whose generation counts up. The
 * worker deletes a row only if its generation is still the one it derived, so a change that lands during a
 * re-derivation is never lost. The workers of several server instances share the table: a worker re-derives a row
 * only under its claim ({@link #claim}), so each queued change is re-derived once.
 */
@Component
class RederiveQueue {

	/** A patient whose inputs changed in {@code [sinceMs, untilMs]} (epoch ms; MIN/MAX = unbounded). */
	record Change(String patientId, long sinceMs, long untilMs) {

		Change merge(Change other) {
			return new Change(patientId, Math.min(sinceMs, other.sinceMs), Math.max(untilMs, other.untilMs));
		}
	}

	/** A due row as read by the worker. */
	record Entry(String patientId, long sinceMs, long untilMs, long generation, int attempts) {

		Instant since() {
			return sinceMs == Long.MIN_VALUE ? null : Instant.ofEpochMilli(sinceMs);
		}

		Instant until() {
			return untilMs == Long.MAX_VALUE ? null : Instant.ofEpochMilli(untilMs);
		}
	}

	/** A row whose last re-derivation failed, waiting for its retry. */
	record Failing(String patientId, int attempts, String lastError) {
	}

	/** A due row and its patient's advisory lock, held until closed. */
	record Claim(Entry entry, AdvisoryLock lock) implements AutoCloseable {

		@Override
		public void close() {
			lock.close();
		}
	}

	private static final RowMapper<Entry> ENTRY = (rs, n) -> new Entry(rs.getString(1), rs.getLong(2),
			rs.getLong(3), rs.getLong(4), rs.getInt(5));
	/** This feature's namespace of advisory locks ("TFRD"). */
	private static final int NAMESPACE = 0x54465244;

	private final JdbcTemplate jdbc;
	private final DataSource dataSource;
	/** How long a changed patient's row waits before it falls due, so that a burst is re-derived once. */
	private final Duration delay;

	RederiveQueue(JdbcTemplate jdbc, DataSource dataSource, ScoringProperties properties) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.delay = properties.recompute().delay();
	}

	/** Upserts the changes; new rows fall due after {@code delay}, existing rows keep their due time. */
	void enqueue(Collection<Change> changes, Duration delay) {
		List<Change> rows = List.copyOf(changes);
		jdbc.batchUpdate("""
				INSERT INTO trialfhir_rederive_queue AS q (patient_id, since_ms, until_ms, due_at)
				VALUES (?, ?, ?, now() + ? * interval '1 millisecond')
				ON CONFLICT (patient_id) DO UPDATE SET since_ms = LEAST(q.since_ms, EXCLUDED.since_ms),
				    until_ms = GREATEST(q.until_ms, EXCLUDED.until_ms), generation = q.generation + 1""",
				rows, rows.size(), (statement, change) -> {
					statement.setString(1, change.patientId());
					statement.setLong(2, change.sinceMs());
					statement.setLong(3, change.untilMs());
					statement.setLong(4, delay.toMillis());
				});
	}

	/** Every row queued due after {@code farOff} falls due now: the rows a bulk load held back. */
	int releaseHeld(Duration farOff) {
		return jdbc.update("UPDATE trialfhir_rederive_queue SET due_at = now() WHERE due_at > now() + ? * interval '1 millisecond'",
				farOff.toMillis());
	}

	List<Entry> due(int limit) {
		return jdbc.query("""
				SELECT patient_id, since_ms, until_ms, generation, attempts FROM trialfhir_rederive_queue
				WHERE due_at <= now() ORDER BY due_at LIMIT ?""",
				ENTRY, limit);
	}

	/**
	 * The patient's row for one worker: its advisory lock, then the row as it is now. Empty when another worker (of
	 * this or another instance) holds the lock, or when the row is gone or no longer due — a worker that read it
	 * earlier has finished it, or set it aside for a retry, meanwhile.
	 */
	Optional<Claim> claim(String patientId) {
		Optional<AdvisoryLock> lock = AdvisoryLock.tryAcquire(dataSource, NAMESPACE, patientId);
		if (lock.isEmpty()) {
			return Optional.empty();
		}
		List<Entry> row = jdbc.query("""
				SELECT patient_id, since_ms, until_ms, generation, attempts FROM trialfhir_rederive_queue
				WHERE patient_id = ? AND due_at <= now()""",
				ENTRY, patientId);
		if (row.isEmpty()) {
			lock.get().close();
			return Optional.empty();
		}
		return Optional.of(new Claim(row.get(0), lock.get()));
	}

	/** The rows of these patients, due or not. */
	List<Entry> pending(Collection<String> patientIds) {
		if (patientIds.isEmpty()) {
			return List.of();
		}
		return jdbc.query("""
				SELECT patient_id, since_ms, until_ms, generation, attempts FROM trialfhir_rederive_queue
				WHERE patient_id = ANY (?) ORDER BY due_at""",
				statement -> statement.setArray(1,
						statement.getConnection().createArrayOf("text", patientIds.toArray())),
				ENTRY);
	}

	/**
	 * Removes the row if nothing changed since it was read; false when a newer change keeps it queued. Such a row
	 * (its patient is being written to right now) falls due again only {@code delay} later, as a new row would: a
	 * patient receiving a stream of bundles is re-derived once per delay, not once per poll.
	 */
	boolean done(Entry entry) {
		if (jdbc.update("DELETE FROM trialfhir_rederive_queue WHERE patient_id = ? AND generation = ?",
				entry.patientId(), entry.generation()) == 1) {
			return true;
		}
		jdbc.update("""
				UPDATE trialfhir_rederive_queue SET due_at = GREATEST(due_at, now() + ? * interval '1 millisecond')
				WHERE patient_id = ?""", delay.toMillis(), entry.patientId());
		return false;
	}

	void failed(Entry entry, String error, Duration retryAfter) {
		jdbc.update("""
				UPDATE trialfhir_rederive_queue SET attempts = attempts + 1, last_error = ?,
				    due_at = now() + ? * interval '1 millisecond' WHERE patient_id = ?""",
				error, retryAfter.toMillis(), entry.patientId());
	}

	/** The rows whose last re-derivation failed, most attempts first, at most {@code limit}. */
	List<Failing> failing(int limit) {
		return jdbc.query("""
				SELECT patient_id, attempts, last_error FROM trialfhir_rederive_queue WHERE attempts > 0
				ORDER BY attempts DESC, patient_id LIMIT ?""",
				(rs, n) -> new Failing(rs.getString(1), rs.getInt(2), rs.getString(3)), limit);
	}

	long pending() {
		Long count = jdbc.queryForObject("SELECT count(*) FROM trialfhir_rederive_queue", Long.class);
		return count == null ? 0 : count;
	}
}
