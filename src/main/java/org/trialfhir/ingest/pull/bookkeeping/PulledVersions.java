package org.trialfhir.ingest.pull.bookkeeping;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The fingerprint of the source version last stored for each pulled value held for adjudication (table
 * {@code ingest_pull_version}): what tells a re-pull of the same version, which changes nothing, from a new one.
 */
@Component
public class PulledVersions {

	private final JdbcTemplate jdbc;

	PulledVersions(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<String> fingerprint(String identifierSystem, String identifierValue) {
		return jdbc.queryForList("""
				SELECT fingerprint FROM ingest_pull_version WHERE identifier_system = ? AND identifier_value = ?
				""", String.class, identifierSystem, identifierValue).stream().findFirst();
	}

	public void record(String identifierSystem, String identifierValue, String fingerprint) {
		jdbc.update("""
				INSERT INTO ingest_pull_version (identifier_system, identifier_value, fingerprint) VALUES (?, ?, ?)
				ON CONFLICT (identifier_system, identifier_value) DO UPDATE
				SET fingerprint = EXCLUDED.fingerprint, pulled_at = now()
				""", identifierSystem, identifierValue, fingerprint);
	}
}
