package org.trialfhir.ingest.pull.bookkeeping;

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
}
