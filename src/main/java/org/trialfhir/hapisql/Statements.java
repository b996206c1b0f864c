package org.trialfhir.hapisql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.postgresql.PGStatement;

/** How the queries of this package run their statements, and read HAPI's timestamps. */
final class Statements {

	private Statements() {
	}

	/**
	 * A statement whose every execution is planned for its own values: pgjdbc would otherwise switch to a server-side
	 * prepared statement after five runs, and PostgreSQL may then keep a generic plan that ignores the hashes.
	 * {@code parameters} are bound first, in order.
	 */
	static PreparedStatement planned(Connection con, String sql, long... parameters) throws SQLException {
		PreparedStatement statement = con.prepareStatement(sql);
		if (statement.isWrapperFor(PGStatement.class)) {
			statement.unwrap(PGStatement.class).setPrepareThreshold(0);
		}
		for (int i = 0; i < parameters.length; i++) {
			statement.setLong(i + 1, parameters[i]);
		}
		return statement;
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
