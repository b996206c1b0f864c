package org.trialfhir.derive;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * row is debounced with a bound: it falls due once the patient's writes have been quiet for {@code delay} (each
 * change moves its due time to {@code delay} after it), but never later than {@code max-delay} after the first change
 * it holds, so a patient written to without pause is still re-derived every {@code max-delay}. The worker deletes a
 * row only if its generation is still the one it derived, so a change that lands during a re-derivation is never
 * lost. The workers of several server instances share the table: a worker re-derives a row only under its claim
 * ({@link #claim}), so each queued change is re-derived once.
 *
 * <p>Times are the database's clock ({@code clock_timestamp()}, the moment of the statement: the upsert runs just
 * before the write commits), never a server instance's, so instances with skewed clocks debounce alike.
 */
@Component
class RederiveQueue {

	/** A patient whose inputs changed in {@code [sinceMs, untilMs]} (epoch ms; MIN/MAX = unbounded). */
	record Change(String patientId, long sinceMs, long untilMs) {

		Change merge(Change other) {
			return new Change(patientId, Math.min(sinceMs, other.sinceMs), Math.max(untilMs, other.untilMs));
		}
	}

	/**
	 * A row as read by the worker; {@code readAt} is when it was read (the database's clock): a change of a later
	 * generation came after that.
	 */
	record Entry(String patientId, long sinceMs, long untilMs, long generation, int attempts, Instant readAt) {

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

	/** The columns {@link #ENTRY} reads. */
	private static final String ENTRY_COLUMNS = "patient_id, since_ms, until_ms, generation, attempts, clock_timestamp()";
	private static final RowMapper<Entry> ENTRY = (rs, n) -> new Entry(rs.getString(1), rs.getLong(2),
			rs.getLong(3), rs.getLong(4), rs.getInt(5), rs.getObject(6, OffsetDateTime.class).toInstant());
	/** This feature's namespace of advisory locks ("TFRD"). */
	private static final int NAMESPACE = 0x54465244;

	private final JdbcTemplate jdbc;
	private final DataSource dataSource;
	/** How long a patient's writes must have been quiet before its row falls due, so that a burst is derived once. */
	private final Duration delay;
	/** The longest a row waits after the first change it holds, however busy its patient. */
	private final Duration maxDelay;

	RederiveQueue(JdbcTemplate jdbc, DataSource dataSource, ScoringProperties properties) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.delay = properties.recompute().delay();
		this.maxDelay = properties.recompute().maxDelay();
	}

	/**
	 * Upserts the changes, made now: a new row falls due after {@code delay}; a queued row falls due {@code delay}
	 * after this change, but no later than {@code max-delay} after its first change. A row due later than that bound
	 * keeps its time: one held by a bulk load ({@link RederivationHold}) or set aside for a retry after a failure
	 * ({@link #failed}), whose backoff a new change does not shorten. {@code delay} is the write's:
	 * {@link RederivationHold#HELD} for a bulk load's, which therefore holds a new row but never one already queued.
	 */
	void enqueue(Collection<Change> changes, Duration delay) {
		enqueue(changes, delay, null);
	}

	/** As {@link #enqueue(Collection, Duration)}, the changes made at {@code at} (null: now, by the database's clock). */
	void enqueue(Collection<Change> changes, Duration delay, Instant at) {
		List<Change> rows = List.copyOf(changes);
		OffsetDateTime changedAt = at == null ? null : at.atOffset(ZoneOffset.UTC);
		jdbc.batchUpdate("""
				INSERT INTO trialfhir_rederive_queue AS q (patient_id, since_ms, until_ms, first_change_at, due_at)
				SELECT ?, ?, ?, change.at, change.at + ? * interval '1 millisecond'
				FROM (SELECT COALESCE(CAST(? AS timestamptz), clock_timestamp()) AS at) change
				ON CONFLICT (patient_id) DO UPDATE SET since_ms = LEAST(q.since_ms, EXCLUDED.since_ms),
				    until_ms = GREATEST(q.until_ms, EXCLUDED.until_ms), generation = q.generation + 1,
				    due_at = CASE WHEN q.due_at > q.first_change_at + ? * interval '1 millisecond' THEN q.due_at
				        ELSE LEAST(GREATEST(q.due_at, EXCLUDED.due_at),
				                   q.first_change_at + ? * interval '1 millisecond') END""",
				rows, rows.size(), (statement, change) -> {
					statement.setString(1, change.patientId());
					statement.setLong(2, change.sinceMs());
					statement.setLong(3, change.untilMs());
					statement.setLong(4, delay.toMillis());
					statement.setObject(5, changedAt, Types.TIMESTAMP_WITH_TIMEZONE);
					statement.setLong(6, maxDelay.toMillis());
					statement.setLong(7, maxDelay.toMillis());
				});
	}

	/** Every row queued due after {@code farOff} falls due now: the rows a bulk load held back. */
	int releaseHeld(Duration farOff) {
		return jdbc.update("UPDATE trialfhir_rederive_queue SET due_at = now() WHERE due_at > now() + ? * interval '1 millisecond'",
				farOff.toMillis());
	}

	List<Entry> due(int limit) {
		return jdbc.query("SELECT " + ENTRY_COLUMNS
				+ " FROM trialfhir_rederive_queue WHERE due_at <= clock_timestamp() ORDER BY due_at LIMIT ?", ENTRY, limit);
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
		List<Entry> row = jdbc.query("SELECT " + ENTRY_COLUMNS
				+ " FROM trialfhir_rederive_queue WHERE patient_id = ? AND due_at <= clock_timestamp()", ENTRY, patientId);
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
		return jdbc.query("SELECT " + ENTRY_COLUMNS
				+ " FROM trialfhir_rederive_queue WHERE patient_id = ANY (?) ORDER BY due_at",
				statement -> statement.setArray(1,
						statement.getConnection().createArrayOf("text", patientIds.toArray())),
				ENTRY);
	}

	/**
	 * Removes the row if nothing changed since it was read; false when a newer change keeps it queued. Such a row
	 * (its patient is being written to right now) now holds only changes made after it was read, the first of them
	 * no earlier than that: it falls due again {@code delay} from now at the earliest, so a patient receiving a stream
	 * of bundles is not re-derived at every poll, and {@code max-delay} after it was read at the latest (a held row
	 * stays held).
	 */
	boolean done(Entry entry) {
		if (jdbc.update("DELETE FROM trialfhir_rederive_queue WHERE patient_id = ? AND generation = ?",
				entry.patientId(), entry.generation()) == 1) {
			return true;
		}
		OffsetDateTime readAt = entry.readAt().atOffset(ZoneOffset.UTC);
		jdbc.update("""
				UPDATE trialfhir_rederive_queue SET first_change_at = ?,
				    due_at = GREATEST(due_at, LEAST(clock_timestamp() + ? * interval '1 millisecond',
				                                    CAST(? AS timestamptz) + ? * interval '1 millisecond'))
				WHERE patient_id = ?""", readAt, delay.toMillis(), readAt, maxDelay.toMillis(), entry.patientId());
		return false;
	}

	void failed(Entry entry, String error, Duration retryAfter) {
		jdbc.update("""
				UPDATE trialfhir_rederive_queue SET attempts = attempts + 1, last_error = ?,
				    due_at = clock_timestamp() + ? * interval '1 millisecond' WHERE patient_id = ?""",
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
