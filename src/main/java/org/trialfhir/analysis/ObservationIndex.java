package org.trialfhir.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
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
 * corrected that are not deleted are read (SCORES.md §1.2). A value's comparator ({@code <}, {@code >}) is not in
 * the index and is not applied.
 */
@Component
class ObservationIndex {

	static final String DERIVED_SCORE_SYSTEM = "http://trialfhir.org/fhir/derived-score";
	private static final List<String> COUNTED_STATUSES = List.of("final", "amended", "corrected");
	private static final String OBSERVATION = "Observation";

	private static final String COUNTED = """
			FROM hfj_spidx_token code
			JOIN hfj_resource res ON res.res_id = code.res_id AND res.res_deleted_at IS NULL
			JOIN hfj_spidx_token status ON status.res_id = code.res_id AND status.hash_value IN (?, ?, ?)
			""";
	private static final String DERIVED = "SELECT code.sp_value, ident.sp_value, val.sp_value " + COUNTED + """
			JOIN hfj_spidx_token ident ON ident.res_id = code.res_id AND ident.hash_sys = ?
			JOIN hfj_spidx_number val ON val.res_id = code.res_id AND val.hash_identity = ?
			WHERE code.hash_sys_and_value = ANY (?)
			""";
	private static final String DIAGNOSIS = "SELECT ident.sp_value, diagnosis.sp_value " + COUNTED + """
			JOIN hfj_spidx_token ident ON ident.res_id = code.res_id AND ident.hash_sys = ?
			JOIN hfj_spidx_token diagnosis ON diagnosis.res_id = code.res_id AND diagnosis.hash_identity = ?
			WHERE code.hash_sys_and_value = ?
			""";
	private static final String MEASURED = "SELECT patient.fhir_id, effective.sp_value_low, quantity.sp_value, "
			+ "quantity.sp_units " + COUNTED + """
			JOIN hfj_spidx_quantity quantity ON quantity.res_id = code.res_id AND quantity.hash_identity = ?
			JOIN hfj_spidx_date effective ON effective.res_id = code.res_id AND effective.hash_identity = ?
			JOIN hfj_res_link link ON link.src_resource_id = code.res_id AND link.src_path = 'Observation.subject'
			JOIN hfj_resource patient ON patient.res_id = link.target_resource_id AND patient.res_type = 'Patient'
			WHERE code.hash_sys_and_value = ANY (?)
			  AND effective.sp_value_low >= ? AND effective.sp_value_low < ?
			ORDER BY effective.sp_value_low, code.res_id
			""";

	private final JdbcTemplate jdbc;
	private final IndexHashes hashes;

	ObservationIndex(JdbcTemplate jdbc, IndexHashes hashes) {
		this.jdbc = jdbc;
		this.hashes = hashes;
	}

	/**
	 * Every counted derived-score Observation with one of these score codes, by score code: its identifier value and
	 * total. One query for all the scores.
	 */
	Map<String, List<DayTables.Derived>> derived(Collection<String> scores) {
		Long[] codes = scores.stream().map(score -> code(AnalysisVariable.TRIAL_SCORE, score)).toArray(Long[]::new);
		Map<String, List<DayTables.Derived>> byScore = new HashMap<>();
		scores.forEach(score -> byScore.put(score, new ArrayList<>()));
		jdbc.query(con -> {
			PreparedStatement statement = statement(con, DERIVED, status("final"), status("amended"),
					status("corrected"), identifierSystem(), identity("value-integer"));
			statement.setArray(6, con.createArrayOf("bigint", codes));
			return statement;
		}, rs -> {
			List<DayTables.Derived> rows = byScore.get(rs.getString(1));
			if (rows != null) {
				rows.add(new DayTables.Derived(rs.getString(2), rs.getDouble(3)));
			}
		});
		return byScore;
	}

	/**
	 * Every counted derived-score Observation with this score code and a diagnosis: its identifier value and the
	 * diagnosis as 1 (true) or 0 (false). Indeterminate diagnoses (dataAbsentReason) are not indexed, so absent.
	 */
	List<DayTables.Derived> diagnoses(String score) {
		return jdbc.query(con -> statement(con, DIAGNOSIS, status("final"), status("amended"), status("corrected"),
				identifierSystem(), identity("score-diagnosis"), code(AnalysisVariable.TRIAL_SCORE, score)),
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
			PreparedStatement statement = statement(con, MEASURED, status("final"), status("amended"),
					status("corrected"), identity("value-quantity"), identity("date"));
			statement.setArray(6, con.createArrayOf("bigint", codes));
			statement.setTimestamp(7, Timestamp.from(from));
			statement.setTimestamp(8, Timestamp.from(to));
			return statement;
		}, (rs, i) -> new DayTables.Measured(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3),
				rs.getString(4)));
	}

	static PreparedStatement statement(Connection con, String sql, long... parameters) throws SQLException {
		PreparedStatement statement = con.prepareStatement(sql);
		for (int i = 0; i < parameters.length; i++) {
			statement.setLong(i + 1, parameters[i]);
		}
		return statement;
	}

	private long status(String value) {
		return hashes.value(OBSERVATION, "status", value);
	}

	private long identifierSystem() {
		return hashes.system(OBSERVATION, "identifier", DERIVED_SCORE_SYSTEM);
	}

	private long identity(String parameter) {
		return hashes.identity(OBSERVATION, parameter);
	}

	private long code(String system, String code) {
		return hashes.systemAndValue(OBSERVATION, "code", system, code);
	}
}
