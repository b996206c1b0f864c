package org.trialfhir.hapisql;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The Observations an identifier (system and value) names, as HAPI's search {@code Observation?identifier=system|value}
 * finds them, in one indexed query on the token index: the hash of system and value, computed by HAPI's own function
 * on the full strings as HAPI does when it indexes them. Deleted Observations have no index rows; the join on the
 * resource table keeps them out even so. At most two ids: one is the match, two say the key is not unique (HAPI's
 * conditional update then refuses with 412), as HAPI's match search also stops at two.
 */
@Component
public class ObservationsByKey {

	private static final String KEYED = """
			SELECT observation.fhir_id
			FROM hfj_spidx_token ident
			JOIN hfj_resource observation ON observation.res_id = ident.res_id AND observation.res_deleted_at IS NULL
			WHERE ident.hash_sys_and_value = ?
			LIMIT 2
			""";

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
}
