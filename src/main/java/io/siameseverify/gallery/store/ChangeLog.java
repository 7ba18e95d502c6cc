package io.siameseverify.gallery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The {@code gallery_change} table: one row per enrolled or deleted reference, numbered
 * per model in commit order, holding reference ids and never subject ids. Replaying it
 * joins each enrolment to its reference row (gone when deleted since).
 */
final class ChangeLog {

	static final String APPEND = """
			INSERT INTO gallery_change (model, seq, kind, reference_id, model_version, changed_at)
			VALUES (?, ?, ?, ?, ?, ?)""";

	private static final String SINCE = """
			SELECT c.seq, c.kind, c.reference_id, c.model_version, r.subject_id, r.created_at, r.embedding
			FROM gallery_change c
			LEFT JOIN gallery_reference r ON c.kind = 'E' AND r.reference_id = c.reference_id AND r.seq = c.seq
			WHERE c.model = ? AND c.seq > ?
			ORDER BY c.seq""";

	private ChangeLog() {
	}

	/** Binds the parameters of {@link #APPEND}. */
	static void bind(PreparedStatement append, String model, Change change, long changedAt) throws SQLException {
		append.setString(1, model);
		append.setLong(2, change.seq());
		append.setString(3, change.kind().code());
		append.setString(4, change.referenceId());
		append.setString(5, change.modelVersion());
		append.setLong(6, changedAt);
	}

	/**
	 * Hands the sink every change after {@code position}, in order.
	 * @throws ChangesPrunedException when some of them have been pruned
	 */
	static void replay(Connection connection, SqlDialect dialect, ModelKey key, ModelHead head, long position,
			GalleryStore.ChangeSink sink) throws SQLException {
		if (position < head.prunedThrough()) {
			throw new ChangesPrunedException(key.model(), position, head.prunedThrough());
		}
		if (position >= head.head()) {
			return;
		}
		try (PreparedStatement select = connection.prepareStatement(SINCE)) {
			dialect.stream(select);
			select.setString(1, key.model());
			select.setLong(2, position);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					sink.apply(change(rows, key));
				}
			}
		}
	}

	private static Change change(ResultSet row, ModelKey key) throws SQLException {
		long seq = row.getLong(1);
		Change.Kind kind = Change.Kind.ofCode(row.getString(2));
		String referenceId = row.getString(3);
		String version = row.getString(4);
		byte[] embedding = row.getBytes(7);
		StoredReference reference = null;
		if (kind == Change.Kind.ENROLLED && embedding != null) {
			int dimension = embedding.length / Float.BYTES;
			reference = new StoredReference(referenceId, row.getString(5), Instant.ofEpochMilli(row.getLong(6)),
					version, Embeddings.fromBytes(embedding, dimension));
		}
		return new Change(seq, kind, referenceId, version, reference);
	}

	/**
	 * Deletes the model's changes made before {@code cutoff} (epoch ms) and moves the
	 * model's pruned mark past them; the caller holds the model's lock.
	 * @return how many changes were deleted
	 */
	static int prune(Connection connection, String model, long cutoff) throws SQLException {
		long through;
		try (PreparedStatement last = connection
			.prepareStatement("SELECT max(seq) FROM gallery_change WHERE model = ? AND changed_at < ?")) {
			last.setString(1, model);
			last.setLong(2, cutoff);
			try (ResultSet row = last.executeQuery()) {
				row.next();
				through = row.getLong(1);
				if (row.wasNull()) {
					return 0;
				}
			}
		}
		int deleted;
		try (PreparedStatement delete = connection
			.prepareStatement("DELETE FROM gallery_change WHERE model = ? AND seq <= ?")) {
			delete.setString(1, model);
			delete.setLong(2, through);
			deleted = delete.executeUpdate();
		}
		try (PreparedStatement mark = connection
			.prepareStatement("UPDATE gallery_model SET pruned_through = ? WHERE model = ? AND pruned_through < ?")) {
			mark.setLong(1, through);
			mark.setString(2, model);
			mark.setLong(3, through);
			mark.executeUpdate();
		}
		return deleted;
	}

}
