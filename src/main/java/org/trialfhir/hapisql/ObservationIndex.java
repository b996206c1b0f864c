package org.trialfhir.hapisql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads Observation values for a whole study in ONE SQL query on HAPI's search index tables, instead of loading and
 * parsing every Observation (measured: HAPI's parser alone needs ~0.1 ms per derived-score Observation here, so
 * 70,000 of them would take seconds; see docs/benchmarks.md "$analyze").
 *
 * <p>What it relies on, all maintained by HAPI on every write: the token index of {@code code}, {@code status} and
 * {@code identifier}; the number index of our {@code value-integer} and the token index of our
 * {@code score-diagnosis} SearchParameters (profiles/); the quantity index of {@code value-quantity}; the date index
 * of {@code date} (effective[x]); the reference link of {@code Observation.subject}. Only Observations that count —
 * status final, amended or corrected (docs/scores-spec.md §1.2), not deleted — are read. A value's comparator ({@code <},
 * {@code >}) is not in the index and is not applied.
 */
@Component
public class ObservationIndex {

	/** A value of an Observation named by its identifier (of the system asked for). */
	public record Identified(String identifier, double value) {
	}

	/** A lab or vital value as stored: its Patient, effective time, value and UCUM unit code. */
	public record Measured(String patientId, Instant time, double value, String unit) {
	}

	/** Every Observation.status that does not count; the others are final, amended, corrected. */
	private static final List<String> NOT_COUNTED = List.of("registered", "preliminary", "cancelled",
			"entered-in-error", "unknown");
	private static final String OBSERVATION = "Observation";

	/**
	 * Keeps counted, not deleted Observations. Written as anti-joins against the few that do not count: joining the
	 * status rows that do count would make PostgreSQL hash every final Observation of the server.
	 */
	private static final String COUNTED = """
			  AND NOT EXISTS (SELECT 1 FROM hfj_spidx_token status
			                  WHERE status.res_id = %1$s.res_id AND status.hash_value IN (?, ?, ?, ?, ?))
			  AND NOT EXISTS (SELECT 1 FROM hfj_resource deleted
			                  WHERE deleted.res_id = %1$s.res_id AND deleted.res_deleted_at IS NOT NULL)
			""";
	private static final String VALUES = """
			SELECT ident.sp_value, val.sp_value
			FROM hfj_spidx_token ident
			JOIN hfj_spidx_number val ON val.res_id = ident.res_id AND val.hash_identity = ?
			WHERE ident.hash_sys = ?
			""" + COUNTED.formatted("ident");
	private static final String DIAGNOSES = """
			SELECT ident.sp_value, diagnosis.sp_value
			FROM hfj_spidx_token ident
			JOIN hfj_spidx_token diagnosis ON diagnosis.res_id = ident.res_id AND diagnosis.hash_identity = ?
			WHERE ident.hash_sys = ?
			""" + COUNTED.formatted("ident");
	private static final String MEASURED = """
			SELECT patient.fhir_id, effective.sp_value_low, quantity.sp_value, quantity.sp_units
			FROM hfj_spidx_token code
			JOIN hfj_spidx_quantity quantity ON quantity.res_id = code.res_id AND quantity.hash_identity = ?
			JOIN hfj_spidx_date effective ON effective.res_id = code.res_id AND effective.hash_identity = ?
			JOIN hfj_res_link link ON link.src_resource_id = code.res_id AND link.src_path = 'Observation.subject'
			JOIN hfj_resource patient ON patient.res_id = link.target_resource_id
			WHERE code.hash_sys_and_value = ANY (?)
			  AND effective.sp_value_low >= ? AND effective.sp_value_low < ?
			""" + COUNTED.formatted("code");

	private final JdbcTemplate jdbc;
	private final IndexHashes hashes;

	ObservationIndex(JdbcTemplate jdbc, IndexHashes hashes) {
		this.jdbc = jdbc;
		this.hashes = hashes;
	}

	/**
	 * Every counted Observation of the server with an identifier of {@code identifierSystem} and a
	 * {@code valueInteger}: the identifier's value and the integer. For derived scores, whose identifier names subject,
	 * score and day, one query serves every score; the caller keeps its study's.
	 */
	public List<Identified> integerValues(String identifierSystem) {
		return query(VALUES, new long[] {hashes.identity(OBSERVATION, "value-integer"), identifier(identifierSystem)},
				(rs, i) -> new Identified(rs.getString(1), rs.getDouble(2)));
	}

	/**
	 * Every counted Observation of the server with an identifier of {@code identifierSystem} and a diagnosis
	 * component ({@code score-diagnosis}): the identifier's value and the diagnosis as 1 (true) or 0 (false).
	 * Indeterminate diagnoses (dataAbsentReason) are not indexed, so absent.
	 */
	public List<Identified> diagnoses(String identifierSystem) {
		return query(DIAGNOSES, new long[] {hashes.identity(OBSERVATION, "score-diagnosis"),
			identifier(identifierSystem)},
				(rs, i) -> new Identified(rs.getString(1), Boolean.parseBoolean(rs.getString(2)) ? 1 : 0));
	}

	/**
	 * Counted quantity values with any of these codes (of {@code system}) effective in {@code [from, to)} (a period
	 * by its start), of every Patient: the caller keeps its study's. Filtering by the study's Patients in SQL made
	 * PostgreSQL start from the Patients and walk all their Observations (of every code), which grows with everything
	 * else a trial records.
	 */
	public List<Measured> measured(String system, Collection<String> codes, Instant from, Instant to) {
		Long[] codeHashes = codes.stream().map(c -> hashes.systemAndValue(OBSERVATION, "code", system, c))
				.toArray(Long[]::new);
		return jdbc.query(con -> {
			PreparedStatement statement = Statements.planned(con, MEASURED,
					hashes.identity(OBSERVATION, "value-quantity"), hashes.identity(OBSERVATION, "date"));
			statement.setArray(3, con.createArrayOf("bigint", codeHashes));
			statement.setTimestamp(4, Timestamp.from(from));
			statement.setTimestamp(5, Timestamp.from(to));
			notCounted(statement, 6);
			return statement;
		}, (rs, i) -> new Measured(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3),
				rs.getString(4)));
	}

	private <T> List<T> query(String sql, long[] parameters, RowMapper<T> rows) {
		return jdbc.query(con -> {
			PreparedStatement statement = Statements.planned(con, sql, parameters);
			notCounted(statement, parameters.length + 1);
			return statement;
		}, rows);
	}

	private void notCounted(PreparedStatement statement, int first) throws SQLException {
		for (int i = 0; i < NOT_COUNTED.size(); i++) {
			statement.setLong(first + i, hashes.value(OBSERVATION, "status", NOT_COUNTED.get(i)));
		}
	}

	private long identifier(String system) {
		return hashes.system(OBSERVATION, "identifier", system);
	}
}
