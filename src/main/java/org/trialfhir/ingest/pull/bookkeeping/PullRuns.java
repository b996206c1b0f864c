package org.trialfhir.ingest.pull.bookkeeping;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.trialfhir.ingest.pull.bookkeeping.PullCounts.SourceReport;
import org.trialfhir.ingest.pull.source.EhrProperties;

/** Each pull run of a source with its counts and notes (table {@code ingest_pull_run}), and the last one per source. */
@Component
public class PullRuns {

	/** How a run ended; the table's {@code result} column. */
	public enum Result {
		/** No error. */
		COMPLETED,
		/** Errors, but the source delivered something: some resources or subjects were not taken. */
		PARTIAL,
		/** Errors and nothing received: the source could not be read. */
		FAILED;

		public static Result of(SourceReport report) {
			if (report.errors() == 0) {
				return COMPLETED;
			}
			return report.fetched() > 0 ? PARTIAL : FAILED;
		}

		public String code() {
			return name().toLowerCase();
		}
	}

	/** One recorded run. */
	public record Run(Instant started, Instant finished, Result result, SourceReport report) {}

	private final JdbcTemplate jdbc;
	private final int runsKept;

	PullRuns(JdbcTemplate jdbc, EhrProperties properties) {
		this.jdbc = jdbc;
		this.runsKept = properties.runsKept();
	}

	/** Records a run and deletes the source's runs beyond the latest {@code runs-kept}. */
	public void record(Instant started, Instant finished, SourceReport report) {
		jdbc.update(connection -> {
			var insert = connection.prepareStatement("""
					INSERT INTO ingest_pull_run (source_name, started_at, finished_at, result, fetched, created, updated,
					                             unchanged, rejected, errors, notes)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""");
			insert.setString(1, report.source());
			insert.setTimestamp(2, Timestamp.from(started));
			insert.setTimestamp(3, Timestamp.from(finished));
			insert.setString(4, Result.of(report).code());
			insert.setInt(5, report.fetched());
			insert.setInt(6, report.created());
			insert.setInt(7, report.updated());
			insert.setInt(8, report.unchanged());
			insert.setInt(9, report.rejected());
			insert.setInt(10, report.errors());
			insert.setArray(11, connection.createArrayOf("text", report.notes().toArray()));
			return insert;
		});
		jdbc.update("""
				DELETE FROM ingest_pull_run WHERE id IN (
				    SELECT id FROM ingest_pull_run WHERE source_name = ? ORDER BY finished_at DESC, id DESC OFFSET ?)
				""", report.source(), runsKept);
	}

	/** The run of the source that finished last, if it was ever pulled. */
	public Optional<Run> last(String source) {
		return jdbc.query("""
				SELECT * FROM ingest_pull_run WHERE source_name = ? ORDER BY finished_at DESC, id DESC LIMIT 1
				""", PullRuns::run, source).stream().findFirst();
	}

	private static Run run(ResultSet row, int rowNumber) throws SQLException {
		Array notes = row.getArray("notes");
		List<String> noteList = notes == null ? List.of() : Arrays.stream((Object[]) notes.getArray())
				.map(String::valueOf).toList();
		SourceReport report = new SourceReport(row.getString("source_name"), row.getInt("fetched"),
				row.getInt("created"), row.getInt("updated"), row.getInt("unchanged"), row.getInt("rejected"),
				row.getInt("errors"), noteList);
		return new Run(row.getTimestamp("started_at").toInstant(), row.getTimestamp("finished_at").toInstant(),
				Result.valueOf(row.getString("result").toUpperCase()), report);
	}
}
