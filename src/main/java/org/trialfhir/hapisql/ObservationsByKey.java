package org.trialfhir.hapisql;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The Observations an identifier (system and value) names, as HAPI's search {@code Observation?identifier=system|value}
 * finds them, in one indexed query on the token index: the hash of system and value, computed by HAPI's own function
 * on the full strings as HAPI does when it indexes them. Deleted Observations have no index rows; the join on the
 * resource table keeps them out even so. At most two ids: one is the match, two say the key is not unique (HAPI's
 * conditional update then refuses with 412), as HAPI's match search also stops at two. {@link #idsOfEach} asks for the
 * keys of a whole bundle in one query.
 */
@Component
public class ObservationsByKey {

	private static final String KEYED = """
			SELECT observation.fhir_id, NULL::bigint
			FROM hfj_spidx_token ident
			JOIN hfj_resource observation ON observation.res_id = ident.res_id AND observation.res_deleted_at IS NULL
			WHERE ident.hash_sys_and_value = ?
			LIMIT 2
			""";

	private static final String KEYED_ANY = """
			SELECT DISTINCT ident.hash_sys_and_value, observation.fhir_id
			FROM hfj_spidx_token ident
			JOIN hfj_resource observation ON observation.res_id = ident.res_id AND observation.res_deleted_at IS NULL
			WHERE ident.hash_sys_and_value = ANY (?)
			""";

	/**
	 * The same, and in the same round trip the live Patient a keyed write names: HAPI would look its subject up on its
	 * own to index the reference (one query through its id service per write).
	 */
	private static final String KEYED_AND_PATIENT = "(" + KEYED + ") UNION ALL SELECT NULL, patient.res_id "
			+ "FROM hfj_resource patient WHERE patient.res_type = 'Patient' AND patient.fhir_id = ? "
			+ "AND patient.res_deleted_at IS NULL";

	private final JdbcTemplate jdbc;
	private final IndexHashes hashes;

	ObservationsByKey(JdbcTemplate jdbc, IndexHashes hashes) {
		this.jdbc = jdbc;
		this.hashes = hashes;
	}

	/** The ids (without type) of at most two Observations with this identifier. */
	public List<String> ids(String system, String value) {
		long key = hashes.systemAndValue("Observation", "identifier", system, value);
		return jdbc.query(con -> Statements.planned(con, KEYED, key), (rs, i) -> rs.getString(1));
	}

	/** For each key (system and value), in order, the ids (without type) of the Observations it names. */
	public List<List<String>> idsOfEach(List<Identifier> keys) {
		Long[] hashes = keys.stream()
				.map(key -> this.hashes.systemAndValue("Observation", "identifier", key.getSystem(), key.getValue()))
				.toArray(Long[]::new);
		Map<Long, List<String>> found = new HashMap<>();
		jdbc.query(con -> {
			PreparedStatement statement = Statements.planned(con, KEYED_ANY);
			statement.setArray(1, con.createArrayOf("bigint", hashes));
			return statement;
		}, (RowCallbackHandler) row -> found.computeIfAbsent(row.getLong(1), hash -> new ArrayList<>())
				.add(row.getString(2)));
		List<List<String>> ids = new ArrayList<>(keys.size());
		for (Long hash : hashes) {
			ids.add(found.getOrDefault(hash, List.of()));
		}
		return ids;
	}

	/**
	 * The Observations of a key, as {@link #ids}, and the resource id (HAPI's {@code res_id}) of the Patient
	 * {@code patientId} names, unless it is deleted or there is none.
	 */
	public KeyMatch match(String system, String value, String patientId) {
		long key = hashes.systemAndValue("Observation", "identifier", system, value);
		List<String> ids = new ArrayList<>(2);
		Long[] patient = new Long[1];
		jdbc.query(con -> {
			PreparedStatement statement = Statements.planned(con, KEYED_AND_PATIENT, key);
			statement.setString(2, patientId);
			return statement;
		}, rs -> {
			if (rs.getString(1) != null) {
				ids.add(rs.getString(1));
			} else {
				patient[0] = rs.getLong(2);
			}
		});
		return new KeyMatch(List.copyOf(ids), Optional.ofNullable(patient[0]));
	}

	/**
	 * @param ids the Observations with the key (at most two)
	 * @param patientResourceId the live Patient's {@code res_id}, if the write's subject names one
	 */
	public record KeyMatch(List<String> ids, Optional<Long> patientResourceId) {
	}
}
