package io.siameseverify.gallery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The changes of one write transaction on one model. Every change takes the next number
 * of the model's sequence (the transaction holds the model's lock, so numbers follow
 * commit order) and a row in the change log. Small changes are kept to hand to the
 * gallery after the commit; a bulk insert is replayed from the database instead.
 */
final class JdbcWriter implements GalleryStore.Writer {

	private static final int BATCH = 1000;

	private final Connection connection;

	private final SqlDialect dialect;

	private final ModelKey key;

	private final long changedAt;

	private final long startHead;

	private final List<Change> changes = new ArrayList<>();

	private long head;

	private boolean bulk;

	JdbcWriter(Connection connection, SqlDialect dialect, ModelKey key, long head, long changedAt) {
		this.connection = connection;
		this.dialect = dialect;
		this.key = key;
		this.startHead = head;
		this.head = head;
		this.changedAt = changedAt;
	}

	@Override
	public void insert(List<StoredReference> references) {
		sql("insert", () -> {
			try (PreparedStatement insert = this.connection.prepareStatement(ReferenceRows.INSERT)) {
				List<Change> inserted = new ArrayList<>();
				for (StoredReference reference : references) {
					Change change = Change.enrolled(++this.head, reference);
					ReferenceRows.bind(insert, this.key.model(), change.seq(), reference);
					insert.addBatch();
					inserted.add(change);
				}
				insert.executeBatch();
				log(inserted);
				this.changes.addAll(inserted);
				return inserted.size();
			}
		});
	}

	@Override
	public long insertNew(Iterator<StoredReference> references) {
		this.bulk = true;
		return sql("import", () -> {
			long added = 0;
			try (PreparedStatement insert = this.connection.prepareStatement(ReferenceRows.INSERT_IF_ABSENT)) {
				while (references.hasNext()) {
					List<Change> batch = new ArrayList<>(BATCH);
					while (references.hasNext() && batch.size() < BATCH) {
						Change change = Change.enrolled(++this.head, references.next());
						ReferenceRows.bind(insert, this.key.model(), change.seq(), change.reference());
						insert.addBatch();
						batch.add(change);
					}
					int[] counts = insert.executeBatch();
					List<Change> inserted = new ArrayList<>(batch.size());
					for (int i = 0; i < counts.length; i++) {
						if (counts[i] != 0) {
							inserted.add(batch.get(i));
						}
					}
					log(inserted);
					added += inserted.size();
				}
			}
			return added;
		});
	}

	@Override
	public int deleteSubject(String subjectId) {
		List<Change> deleted = sql("delete", () -> {
			List<Change> changes = new ArrayList<>();
			try (PreparedStatement select = this.connection.prepareStatement(
					"SELECT reference_id, model_version FROM gallery_reference WHERE model = ? AND subject_id = ? ORDER BY seq")) {
				select.setString(1, this.key.model());
				select.setString(2, subjectId);
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						changes.add(Change.deleted(++this.head, rows.getString(1), rows.getString(2)));
					}
				}
			}
			try (PreparedStatement delete = this.connection
				.prepareStatement("DELETE FROM gallery_reference WHERE model = ? AND subject_id = ?")) {
				delete.setString(1, this.key.model());
				delete.setString(2, subjectId);
				delete.executeUpdate();
			}
			log(changes);
			return changes;
		});
		this.changes.addAll(deleted);
		return deleted.size();
	}

	@Override
	public boolean deleteReference(String subjectId, String referenceId) {
		List<Change> deleted = sql("delete", () -> {
			List<Change> changes = new ArrayList<>(1);
			try (PreparedStatement delete = this.connection.prepareStatement(
					"DELETE FROM gallery_reference WHERE model = ? AND subject_id = ? AND reference_id = ? RETURNING model_version")) {
				delete.setString(1, this.key.model());
				delete.setString(2, subjectId);
				delete.setString(3, referenceId);
				try (ResultSet row = delete.executeQuery()) {
					if (row.next()) {
						changes.add(Change.deleted(++this.head, referenceId, row.getString(1)));
					}
				}
			}
			log(changes);
			return changes;
		});
		this.changes.addAll(deleted);
		return !deleted.isEmpty();
	}

	@Override
	public boolean hasSubject(String subjectId) {
		return count(
				"SELECT count(*) FROM (SELECT 1 FROM gallery_reference WHERE model = ? AND subject_id = ? LIMIT 1) t",
				subjectId) > 0;
	}

	@Override
	public long subjectCount(String modelVersion) {
		return count("SELECT count(DISTINCT subject_id) FROM gallery_reference WHERE model = ? AND model_version = ?",
				modelVersion);
	}

	@Override
	public int maxReferencesPerSubject(String modelVersion) {
		return (int) count(
				"""
						SELECT coalesce(max(n), 0) FROM
						  (SELECT count(*) AS n FROM gallery_reference WHERE model = ? AND model_version = ? GROUP BY subject_id) t""",
				modelVersion);
	}

	/** Moves the model's head past this transaction's changes and tells the listeners. */
	void finish() throws SQLException {
		if (this.head != this.startHead) {
			ModelHead.advance(this.connection, this.key.model(), this.head);
		}
		if (this.bulk || !this.changes.isEmpty()) {
			this.dialect.notifyChanged(this.connection, this.key.model());
		}
	}

	/** The model's head when the transaction began. */
	long startHead() {
		return this.startHead;
	}

	/** Whether the changes must be replayed from the database (too many to keep). */
	boolean isBulk() {
		return this.bulk;
	}

	/** The changes made, in sequence order (none kept for a bulk insert). */
	List<Change> changes() {
		return this.changes;
	}

	private void log(List<Change> changes) throws SQLException {
		if (changes.isEmpty()) {
			return;
		}
		try (PreparedStatement append = this.connection.prepareStatement(ChangeLog.APPEND)) {
			for (Change change : changes) {
				ChangeLog.bind(append, this.key.model(), change, this.changedAt);
				append.addBatch();
			}
			append.executeBatch();
		}
	}

	private long count(String sql, String parameter) {
		return sql("count", () -> {
			try (PreparedStatement select = this.connection.prepareStatement(sql)) {
				select.setString(1, this.key.model());
				select.setString(2, parameter);
				try (ResultSet row = select.executeQuery()) {
					row.next();
					return row.getLong(1);
				}
			}
		});
	}

	@FunctionalInterface
	private interface Statements<T> {

		T run() throws SQLException;

	}

	private static <T> T sql(String operation, Statements<T> statements) {
		try {
			return statements.run();
		}
		catch (SQLException ex) {
			throw Jdbc.unavailable(operation, ex);
		}
	}

}
