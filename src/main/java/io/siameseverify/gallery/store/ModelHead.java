package io.siameseverify.gallery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A model's row in {@code gallery_model}: the last change sequence number given out, and
 * how far the change log has been pruned. Updating the row is also the model's write
 * lock: PostgreSQL holds the row lock until commit, SQLite the database's write lock.
 *
 * @param head the last sequence number given out (0: none yet)
 * @param prunedThrough changes up to this number are no longer in the log
 */
record ModelHead(long head, long prunedThrough) {

	private static final ModelHead NONE = new ModelHead(0, 0);

	/** The model's head, or zeros for a model never written to. */
	static ModelHead read(Connection connection, String model) throws SQLException {
		try (PreparedStatement select = connection
			.prepareStatement("SELECT head, pruned_through FROM gallery_model WHERE model = ?")) {
			select.setString(1, model);
			try (ResultSet row = select.executeQuery()) {
				return row.next() ? new ModelHead(row.getLong(1), row.getLong(2)) : NONE;
			}
		}
	}

	/**
	 * Takes the model's write lock for the rest of the transaction (creating its row on
	 * first use) and reads the head under it.
	 */
	static ModelHead lock(Connection connection, String model) throws SQLException {
		if (touch(connection, model) == 0) {
			try (PreparedStatement insert = connection.prepareStatement(
					"INSERT INTO gallery_model (model, head, pruned_through) VALUES (?, 0, 0) ON CONFLICT (model) DO NOTHING")) {
				insert.setString(1, model);
				insert.executeUpdate();
			}
			touch(connection, model);
		}
		return read(connection, model);
	}

	static void advance(Connection connection, String model, long head) throws SQLException {
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE gallery_model SET head = ? WHERE model = ?")) {
			update.setLong(1, head);
			update.setString(2, model);
			update.executeUpdate();
		}
	}

	private static int touch(Connection connection, String model) throws SQLException {
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE gallery_model SET head = head WHERE model = ?")) {
			update.setString(1, model);
			return update.executeUpdate();
		}
	}

}
