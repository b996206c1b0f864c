package org.trialfhir.bulkimport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The durable state of {@code $import} jobs (tables {@code trialfhir_import_job} and {@code trialfhir_import_chunk}).
 * Joins the caller's transaction when there is one (JdbcTemplate on the JPA transaction's connection), which is how a
 * chunk's done mark commits with the chunk's resources.
 */
@Component
class ImportJobStore {

	enum State {
		FETCHING,
		LOADING,
		DONE,
		FAILED;

		String column() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	record Job(UUID id, String ownerClient, String ownerUser, List<String> ownerScopes, String urlInputs, State state,
			String failure, Instant createdAt, Instant finishedAt) {}

	/** A chunk's lines: {@code lines.get(i)} is line {@code lineNumbers[i]} of its source. */
	record Chunk(UUID jobId, int seq, String source, String declaredType, List<NdjsonLine> lines, boolean done,
			String report) {}

	record Progress(int chunks, int chunksDone, int lines, int linesDone) {}

	private final JdbcTemplate jdbc;

	ImportJobStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void createJob(UUID id, String ownerClient, String ownerUser, List<String> ownerScopes, String requestHash,
			String urlInputs) {
		jdbc.update("INSERT INTO trialfhir_import_job (id, owner_client, owner_user, owner_scopes, request_hash, "
				+ "url_inputs, state) VALUES (?, ?, ?, ?, ?, ?, ?)", id, ownerClient, ownerUser,
				String.join(" ", ownerScopes), requestHash, urlInputs,
				(urlInputs == null ? State.LOADING : State.FETCHING).column());
	}

	void addChunk(UUID jobId, int seq, String source, String declaredType, List<NdjsonLine> lines) {
		jdbc.update("INSERT INTO trialfhir_import_chunk (job_id, seq, source, declared_type, line_numbers, ndjson) "
				+ "VALUES (?, ?, ?, ?, ?, ?)", jobId, seq, source, declaredType,
				lines.stream().map(line -> String.valueOf(line.number())).collect(Collectors.joining(",")),
				lines.stream().map(NdjsonLine::text).collect(Collectors.joining("\n")));
	}

	/** The URL inputs are split into chunks: the job loads from now on. */
	void fetched(UUID jobId) {
		jdbc.update("UPDATE trialfhir_import_job SET url_inputs = NULL, state = ? WHERE id = ?",
				State.LOADING.column(), jobId);
	}

	/** The unfinished job started by the same client with the same body, if any. */
	Optional<UUID> unfinishedWithRequest(String requestHash) {
		return jdbc.queryForList("SELECT id FROM trialfhir_import_job WHERE request_hash = ? AND state IN "
				+ "('fetching', 'loading') ORDER BY created_at LIMIT 1", UUID.class, requestHash).stream().findFirst();
	}

	/** Whether a job with this request hash completed (its lines are all loaded or reported). */
	boolean completedWithRequest(String requestHash) {
		return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM trialfhir_import_job WHERE "
				+ "request_hash = ? AND state = 'done')", Boolean.class, requestHash));
	}

	Optional<Job> job(UUID id) {
		return jdbc.query("SELECT * FROM trialfhir_import_job WHERE id = ?", ImportJobStore::job, id).stream()
				.findFirst();
	}

	List<UUID> unfinishedJobs() {
		return jdbc.queryForList("SELECT id FROM trialfhir_import_job WHERE state IN ('fetching', 'loading') "
				+ "ORDER BY created_at", UUID.class);
	}

	List<Integer> chunksToDo(UUID jobId) {
		return jdbc.queryForList("SELECT seq FROM trialfhir_import_chunk WHERE job_id = ? AND NOT done ORDER BY seq",
				Integer.class, jobId);
	}

	Chunk chunk(UUID jobId, int seq) {
		return jdbc.queryForObject("SELECT * FROM trialfhir_import_chunk WHERE job_id = ? AND seq = ?",
				ImportJobStore::chunk, jobId, seq);
	}

	/** The reports of the chunks done, in chunk order: (seq, source, report JSON). */
	List<Chunk> doneChunkReports(UUID jobId) {
		return jdbc.query("SELECT job_id, seq, source, declared_type, '' AS line_numbers, '' AS ndjson, done, report "
				+ "FROM trialfhir_import_chunk WHERE job_id = ? AND done ORDER BY seq", ImportJobStore::chunk, jobId);
	}

	void markDone(UUID jobId, int seq, String report) {
		int updated = jdbc.update("UPDATE trialfhir_import_chunk SET done = true, report = ? WHERE job_id = ? AND seq = ? "
				+ "AND NOT done", report, jobId, seq);
		if (updated != 1) {
			// another instance did it in between (it held the job's lock after us): roll this chunk's writes back
			throw new IllegalStateException("chunk " + seq + " of import " + jobId + " is already done");
		}
	}

	void finish(UUID jobId, State state, String failure) {
		jdbc.update("UPDATE trialfhir_import_job SET state = ?, failure = ?, finished_at = now() WHERE id = ?",
				state.column(), failure, jobId);
	}

	Progress progress(UUID jobId) {
		return jdbc.queryForObject("SELECT count(*), count(*) FILTER (WHERE done), "
				+ "coalesce(sum(length(line_numbers) - length(replace(line_numbers, ',', '')) + 1), 0), "
				+ "coalesce(sum(length(line_numbers) - length(replace(line_numbers, ',', '')) + 1) FILTER (WHERE done), 0) "
				+ "FROM trialfhir_import_chunk WHERE job_id = ?",
				(rs, row) -> new Progress(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)), jobId);
	}

	private static Job job(ResultSet rs, int row) throws SQLException {
		String scopes = rs.getString("owner_scopes");
		return new Job(rs.getObject("id", UUID.class), rs.getString("owner_client"), rs.getString("owner_user"),
				scopes.isBlank() ? List.of() : List.of(scopes.split(" ")), rs.getString("url_inputs"),
				State.valueOf(rs.getString("state").toUpperCase(java.util.Locale.ROOT)), rs.getString("failure"),
				instant(rs, "created_at"), instant(rs, "finished_at"));
	}

	private static Chunk chunk(ResultSet rs, int row) throws SQLException {
		String numbers = rs.getString("line_numbers");
		String ndjson = rs.getString("ndjson");
		List<NdjsonLine> lines = List.of();
		if (!numbers.isEmpty()) {
			int[] lineNumbers = Arrays.stream(numbers.split(",")).mapToInt(Integer::parseInt).toArray();
			String[] texts = ndjson.split("\n", -1);
			NdjsonLine[] read = new NdjsonLine[lineNumbers.length];
			for (int i = 0; i < read.length; i++) {
				read[i] = new NdjsonLine(lineNumbers[i], texts[i], null);
			}
			lines = List.of(read);
		}
		return new Chunk(rs.getObject("job_id", UUID.class), rs.getInt("seq"), rs.getString("source"),
				rs.getString("declared_type"), lines, rs.getBoolean("done"), rs.getString("report"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		java.sql.Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}
}
