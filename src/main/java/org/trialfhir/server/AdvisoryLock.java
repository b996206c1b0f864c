package org.trialfhir.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A PostgreSQL session-level advisory lock on a connection of its own, so it is held across transactions and by at
 * most one server instance on the database at a time. Closing it unlocks it and returns the connection to the pool;
 * if the instance dies, its connection closes and PostgreSQL releases the lock.
 *
 * <p>The key is a namespace (one per feature, four ASCII letters) and {@code hashtext(name)}. A hash collision
 * between two names of one namespace only makes them wait for each other.
 */
public final class AdvisoryLock implements AutoCloseable {

	private final Connection connection;
	private final int namespace;
	private final String name;

	private AdvisoryLock(Connection connection, int namespace, String name) {
		this.connection = connection;
		this.namespace = namespace;
		this.name = name;
	}

	/** The lock, or empty at once when another session holds it. */
	public static Optional<AdvisoryLock> tryAcquire(DataSource dataSource, int namespace, String name) {
		return take(dataSource, namespace, name, "SELECT pg_try_advisory_lock(?, hashtext(?))");
	}

	/** The lock, waiting as long as another session holds it. */
	public static AdvisoryLock acquire(DataSource dataSource, int namespace, String name) {
		return take(dataSource, namespace, name, "SELECT true FROM pg_advisory_lock(?, hashtext(?))").orElseThrow();
	}

	@Override
	public void close() {
		try {
			call(connection, "SELECT pg_advisory_unlock(?, hashtext(?))", namespace, name);
		} catch (SQLException e) {
			// the connection is broken; closing it below ends the session and so the lock
		} finally {
			closeQuietly(connection);
		}
	}

	/** @param sql a query with the namespace and the name as parameters, true when the lock is taken */
	private static Optional<AdvisoryLock> take(DataSource dataSource, int namespace, String name, String sql) {
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			if (call(connection, sql, namespace, name)) {
				return Optional.of(new AdvisoryLock(connection, namespace, name));
			}
			connection.close();
			return Optional.empty();
		} catch (SQLException e) {
			closeQuietly(connection);
			throw new IllegalStateException("cannot take the advisory lock " + name, e);
		}
	}

	private static boolean call(Connection connection, String sql, int namespace, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, namespace);
			statement.setString(2, name);
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
