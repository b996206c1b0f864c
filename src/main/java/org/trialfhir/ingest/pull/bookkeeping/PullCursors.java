package org.trialfhir.ingest.pull.bookkeeping;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code _lastUpdated} cursor per source × subject. It only moves forward. */
@Component
public class PullCursors {

	private final JdbcTemplate jdbc;

	PullCursors(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Instant> get(String source, String researchSubjectId) {
		List<Timestamp> found = jdbc.queryForList(
				"SELECT last_updated FROM ingest_pull_cursor WHERE source_name = ? AND research_subject_id = ?",
				Timestamp.class, source, researchSubjectId);
		return found.stream().findFirst().map(Timestamp::toInstant);
	}

	public void advance(String source, String researchSubjectId, Instant lastUpdated) {
		jdbc.update("""
				INSERT INTO ingest_pull_cursor (source_name, research_subject_id, last_updated) VALUES (?, ?, ?)
				ON CONFLICT (source_name, research_subject_id) DO UPDATE
				SET last_updated = GREATEST(ingest_pull_cursor.last_updated, EXCLUDED.last_updated), updated_at = now()
				""", source, researchSubjectId, Timestamp.from(lastUpdated));
	}
}
