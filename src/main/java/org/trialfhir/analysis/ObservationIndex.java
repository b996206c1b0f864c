package org.trialfhir.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.trialfhir.server.IndexHashes;
import org.trialfhir.units.TrialVariable;

/**
 * Reads a variable's values for a whole study in ONE SQL query on HAPI's search index tables, instead of loading and
 * parsing every Observation (measured: HAPI's parser alone needs ~0.1 ms per derived-score Observation here, so
 * 70,000 of them would take seconds; see docs/benchmarks.md "$analyze").
 *
 * <p>What it relies on, all maintained by HAPI on every write: the token index of {@code code}, {@code status} and
 * {@code identifier}; the number index of our {@code value-integer} and the token index of our
 * {@code score-diagnosis} SearchParameters (profiles/); the quantity index of {@code value-quantity}; the date index
 * of {@code date} (effective[x]); the reference link of {@code Observation.subject}. Hashes are computed with HAPI's
 * own functions ({@link IndexHashes}). Only Observations with status final, amended or
 * corrected that are not deleted are read (docs/scores-spec.md §1.2). A value's comparator ({@code <}, {@code >}) is not in
 * the index and is not applied.
 */
@Component
class ObservationIndex {

	static final String DERIVED_SCORE_SYSTEM = "http://trialfhir.org/fhir/derived-score";
	/** Every Observation.status that does not count (docs/scores-spec.md §1.2); the others are final, amended, corrected. */
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
	/** Derived scores by their identifier {@code <ResearchSubject id>-<score>-<day>} (the score is in it). */
	private static final String DERIVED = """
			SELECT ident.sp_value, val.sp_value
			FROM hfj_spidx_token ident
			JOIN hfj_spidx_number val ON val.res_id = ident.res_id AND val.hash_identity = ?
			WHERE ident.hash_sys = ?
			""" + COUNTED.formatted("ident");
	private static final String DIAGNOSIS = """
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
	 * Every counted derived-score Observation of the server: identifier value and total ({@code valueInteger}). The
	 * caller keeps its study's subjects and scores ({@link DayTables#derived}), so one query serves every score.
	 */
	List<DayTables.Derived> derived() {
		return query(DERIVED, new long[] {hashes.identity(OBSERVATION, "value-integer"), identifierSystem()},
				(rs, i) -> new DayTables.Derived(rs.getString(1), rs.getDouble(2)));
	}

	/**
	 * Every counted derived-score Observation with a diagnosis component ({@code score-diagnosis}): identifier value
	 * and the diagnosis as 1 (true) or 0 (false). Indeterminate diagnoses (dataAbsentReason) are not indexed, so
	 * absent. Every DIC score's diagnosis comes back; the identifier tells which score it is.
	 */
	List<DayTables.Derived> diagnoses() {
		return query(DIAGNOSIS, new long[] {hashes.identity(OBSERVATION, "score-diagnosis"), identifierSystem()},
				(rs, i) -> new DayTables.Derived(rs.getString(1), Boolean.parseBoolean(rs.getString(2)) ? 1 : 0));
	}

	/**
	 * Counted values of a measured variable (any of its codes) effective in {@code [from, to)}, of every Patient: the
	 * caller keeps its study's. Filtering by the study's Patients in SQL made PostgreSQL start from the Patients and
	 * walk all their Observations (of every code), which grows with everything else a trial records.
	 */
	List<DayTables.Measured> measured(TrialVariable variable, Instant from, Instant to) {
		Long[] codes = variable.codes().stream().map(c -> code(variable.system(), c)).toArray(Long[]::new);
		return jdbc.query(con -> {
			PreparedStatement statement = statement(con, MEASURED, hashes.identity(OBSERVATION, "value-quantity"),
					hashes.identity(OBSERVATION, "date"));
			statement.setArray(3, con.createArrayOf("bigint", codes));
			statement.setTimestamp(4, Timestamp.from(from));
			statement.setTimestamp(5, Timestamp.from(to));
			notCounted(statement, 6);
			return statement;
		}, (rs, i) -> new DayTables.Measured(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3),
				rs.getString(4)));
	}

	private <T> List<T> query(String sql, long[] parameters, RowMapper<T> rows) {
		return jdbc.query(con -> {
			PreparedStatement statement = statement(con, sql, parameters);
			notCounted(statement, parameters.length + 1);
			return statement;
		}, rows);
	}

	private void notCounted(PreparedStatement statement, int first) throws SQLException {
		for (int i = 0; i < NOT_COUNTED.size(); i++) {
			statement.setLong(first + i, hashes.value(OBSERVATION, "status", NOT_COUNTED.get(i)));
		}
	}

	/**
	 * A statement whose every execution is planned for its own values: pgjdbc would otherwise switch to a server-side
	 * prepared statement after five runs, and PostgreSQL may then keep a generic plan that ignores the hashes.
	 */
	static PreparedStatement statement(Connection con, String sql, long... parameters) throws SQLException {
		PreparedStatement statement = con.prepareStatement(sql);
		if (statement.isWrapperFor(PGStatement.class)) {
			statement.unwrap(PGStatement.class).setPrepareThreshold(0);
		}
		for (int i = 0; i < parameters.length; i++) {
			statement.setLong(i + 1, parameters[i]);
		}
		return statement;
	}

	private long identifierSystem() {
		return hashes.system(OBSERVATION, "identifier", DERIVED_SCORE_SYSTEM);
	}

	private long code(String system, String code) {
		return hashes.systemAndValue(OBSERVATION, "code", system, code);
	}
}
