package io.siameseverify.gallery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The reference and model tables: the statements that read them and the mapping of a row
 * to a {@link StoredReference}.
 */
final class ReferenceRows {

	static final String INSERT = """
			INSERT INTO gallery_reference
			  (reference_id, model, seq, subject_id, model_version, created_at, dimension, embedding)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

	static final String INSERT_IF_ABSENT = INSERT + " ON CONFLICT (reference_id) DO NOTHING";

	private static final String SELECT_VERSION = """
			SELECT reference_id, subject_id, created_at, embedding
			FROM gallery_reference
			WHERE model = ? AND model_version = ?
			ORDER BY seq""";

	private static final String COUNT_VERSION = """
			SELECT count(*) FROM gallery_reference WHERE model = ? AND model_version = ?""";

	private static final String COUNT_OTHER_VERSIONS = """
			SELECT model_version, count(*) FROM gallery_reference
			WHERE model = ? AND model_version <> ?
			GROUP BY model_version""";

	private ReferenceRows() {
	}

	/** Binds the parameters of {@link #INSERT} or {@link #INSERT_IF_ABSENT}. */
	static void bind(PreparedStatement insert, String model, long seq, StoredReference reference) throws SQLException {
		insert.setString(1, reference.referenceId());
		insert.setString(2, model);
		insert.setLong(3, seq);
		insert.setString(4, reference.subjectId());
		insert.setString(5, reference.modelVersion());
		insert.setLong(6, reference.createdAt().toEpochMilli());
		insert.setInt(7, reference.embedding().length);
		insert.setBytes(8, Embeddings.toBytes(reference.embedding()));
	}

	/** Streams the references of the key's version, in enrolment order. */
	static void stream(Connection connection, SqlDialect dialect, ModelKey key, Consumer<StoredReference> sink)
			throws SQLException {
		try (PreparedStatement select = connection.prepareStatement(SELECT_VERSION)) {
			dialect.stream(select);
			select.setString(1, key.model());
			select.setString(2, key.version());
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					sink.accept(new StoredReference(rows.getString(1), rows.getString(2),
							Instant.ofEpochMilli(rows.getLong(3)), key.version(),
							Embeddings.fromBytes(rows.getBytes(4), key.dimension())));
				}
			}
		}
	}

	/** How many references the key's version holds. */
	static int count(Connection connection, ModelKey key) throws SQLException {
		try (PreparedStatement count = connection.prepareStatement(COUNT_VERSION)) {
			count.setString(1, key.model());
			count.setString(2, key.version());
			try (ResultSet row = count.executeQuery()) {
				row.next();
				return row.getInt(1);
			}
		}
	}

	/** How many references each other version of the model holds. */
	static Map<String, Long> otherVersions(Connection connection, ModelKey key) throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		try (PreparedStatement count = connection.prepareStatement(COUNT_OTHER_VERSIONS)) {
			count.setString(1, key.model());
			count.setString(2, key.version());
			try (ResultSet rows = count.executeQuery()) {
				while (rows.next()) {
					counts.put(rows.getString(1), rows.getLong(2));
				}
			}
		}
		return counts;
	}

}
