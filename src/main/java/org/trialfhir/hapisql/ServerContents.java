package org.trialfhir.hapisql;

import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the server holds across resource types, asked of HAPI's resource table: no FHIR search spans every type. */
@Component
public class ServerContents {

	private final JdbcTemplate jdbc;

	ServerContents(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether any resource, deleted or not, is of a type other than these. */
	public boolean holdsResourcesOtherThan(Collection<String> types) {
		return Boolean.TRUE.equals(jdbc.query(con -> {
			var statement = con.prepareStatement("SELECT EXISTS (SELECT 1 FROM hfj_resource WHERE res_type <> ALL (?))");
			statement.setArray(1, con.createArrayOf("text", types.toArray()));
			return statement;
		}, rs -> rs.next() && rs.getBoolean(1)));
	}
}
