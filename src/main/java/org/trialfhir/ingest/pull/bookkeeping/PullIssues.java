package org.trialfhir.ingest.pull.bookkeeping;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records what a pull rejected, skipped or failed on, so that nothing is dropped silently. */
@Component
public class PullIssues {

	/** The kinds of issue; the table's {@code kind} column. */
	public enum Kind {
		REJECTED,
		MALFORMED,
		REFUSED,
		FAILED;

		String column() {
			return name().toLowerCase();
		}
	}

	/** One recorded issue: what ({@code kind}, {@code reason}) and where (the subject, the source's resource). */
	public record Issue(Instant recorded, String kind, String researchSubjectId, String sourceReference,
			String reason) {}

	private static final Logger log = LoggerFactory.getLogger(PullIssues.class);

	private final JdbcTemplate jdbc;

	PullIssues(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void record(String source, String researchSubjectId, String sourceReference, Kind kind, String reason) {
		log.warn("EHR pull {} {}: {} {}", source, kind.column(), sourceReference == null ? researchSubjectId
				: sourceReference, reason);
		jdbc.update("""
				INSERT INTO ingest_pull_issue (source_name, research_subject_id, source_reference, kind, reason)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
				""", source, researchSubjectId, sourceReference, kind.column(), reason);
	}

	/** How many issues are recorded for the source (they stay until deleted; docs/ingestion.md "Fault handling"). */
	public int count(String source) {
		return jdbc.queryForObject("SELECT count(*) FROM ingest_pull_issue WHERE source_name = ?", Integer.class,
				source);
	}

	/** The source's newest issues, newest first. */
	public List<Issue> newest(String source, int limit) {
		return jdbc.query("""
				SELECT recorded_at, kind, research_subject_id, source_reference, reason FROM ingest_pull_issue
				WHERE source_name = ? ORDER BY recorded_at DESC, id DESC LIMIT ?
				""", (row, n) -> new Issue(row.getTimestamp("recorded_at").toInstant(), row.getString("kind"),
				row.getString("research_subject_id"), row.getString("source_reference"), row.getString("reason")),
				source, limit);
	}
}
