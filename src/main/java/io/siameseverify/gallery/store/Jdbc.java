package io.siameseverify.gallery.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Transactions on a pooled connection: commit when the work returns, roll back when it
 * throws; a failure of the database becomes {@link StoreUnavailableException}, naming the
 * SQL state only (a driver's message may quote the data).
 */
final class Jdbc {

	private final DataSource dataSource;

	private final SqlDialect dialect;

	Jdbc(DataSource dataSource, SqlDialect dialect) {
		this.dataSource = dataSource;
		this.dialect = dialect;
	}

	/** Work on a connection inside a transaction. */
	@FunctionalInterface
	interface SqlWork<T> {

		T run(Connection connection) throws SQLException;

	}

	/** A read-write transaction. */
	<T> T write(String operation, SqlWork<T> work) {
		return transaction(operation, false, work);
	}

	/** A read-only transaction that sees one consistent snapshot. */
	<T> T read(String operation, SqlWork<T> work) {
		return transaction(operation, true, work);
	}

	private <T> T transaction(String operation, boolean snapshot, SqlWork<T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			if (snapshot) {
				this.dialect.beginSnapshot(connection);
			}
			try {
				T result = work.run(connection);
				connection.commit();
				return result;
			}
			catch (SQLException | RuntimeException | Error ex) {
				rollbackQuietly(connection);
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw unavailable(operation, ex);
		}
	}

	static StoreUnavailableException unavailable(String operation, SQLException ex) {
		return new StoreUnavailableException("gallery store %s failed (SQL state %s, %s)".formatted(operation,
				ex.getSQLState(), ex.getClass().getSimpleName()));
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			// the connection is broken; the transaction dies with it
		}
	}

}
