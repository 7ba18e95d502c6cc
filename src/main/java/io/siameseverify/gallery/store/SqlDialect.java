package io.siameseverify.gallery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Where SQLite and PostgreSQL differ for the store; the statements themselves are the
 * same for both.
 */
enum SqlDialect {

	SQLITE("sqlite") {
		@Override
		void beginSnapshot(Connection connection) {
			// a read transaction in WAL mode already sees one snapshot
		}

		@Override
		void notifyChanged(Connection connection, String model) {
			// one process per database file: nobody to tell
		}
	},

	POSTGRES("postgresql") {
		@Override
		void beginSnapshot(Connection connection) throws SQLException {
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			connection.setReadOnly(true);
		}

		@Override
		void notifyChanged(Connection connection, String model) throws SQLException {
			// delivered to every listener when the transaction commits, never before
			try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
				notify.setString(1, PostgresChangeListener.CHANNEL);
				notify.setString(2, model);
				notify.execute();
			}
		}
	};

	/** Rows fetched per round trip when streaming a result. */
	static final int FETCH_SIZE = 2000;

	private final String migrations;

	SqlDialect(String migrations) {
		this.migrations = migrations;
	}

	/** Flyway's location of this database's migrations. */
	String migrations() {
		return "classpath:db/migration/" + this.migrations;
	}

	/** Makes the transaction just begun read one consistent snapshot, read only. */
	abstract void beginSnapshot(Connection connection) throws SQLException;

	/** Tells other processes, once the transaction commits, that the model changed. */
	abstract void notifyChanged(Connection connection, String model) throws SQLException;

}
