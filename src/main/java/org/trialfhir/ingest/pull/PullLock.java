package org.trialfhir.ingest.pull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * At most one pull per source at a time, across every server instance on the same PostgreSQL: a session-level
 * advisory lock held on a dedicated connection for the whole pull. If the instance dies, its connection closes and
 * PostgreSQL releases the lock.
 */
@Component
class PullLock {

	/** First half of the advisory-lock key: this feature's namespace ("TFPL"). */
	private static final int NAMESPACE = 0x5446504C;

	private final DataSource dataSource;

	PullLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The lock of this source, or empty when another pull holds it. */
	Optional<Held> tryLock(String source) {
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			if (call(connection, "SELECT pg_try_advisory_lock(?, hashtext(?))", source)) {
				return Optional.of(new Held(connection, source));
			}
			connection.close();
			return Optional.empty();
		} catch (SQLException e) {
			closeQuietly(connection);
			throw new IllegalStateException("cannot take the pull lock of source " + source, e);
		}
	}

	/** A held lock; closing it releases the lock and returns the connection to the pool. */
	static final class Held implements AutoCloseable {
		private final Connection connection;
		private final String source;

		private Held(Connection connection, String source) {
			this.connection = connection;
			this.source = source;
		}

		@Override
		public void close() {
			try {
				call(connection, "SELECT pg_advisory_unlock(?, hashtext(?))", source);
			} catch (SQLException e) {
				// the connection is broken; closing it below ends the session and so the lock
			} finally {
				closeQuietly(connection);
			}
		}
	}

	private static boolean call(Connection connection, String sql, String source) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, NAMESPACE);
			statement.setString(2, source);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			} catch (SQLException ignored) {
				// nothing more to release
			}
		}
	}
}
