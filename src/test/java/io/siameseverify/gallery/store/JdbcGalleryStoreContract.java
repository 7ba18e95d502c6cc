package io.siameseverify.gallery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the database stores add to the contract: a second process on the same database (a
 * second store) sees every change through the change log, in commit order; a write first
 * replays what others committed; a pruned log asks for a reload; a database of the first
 * schema migrates and keeps its references.
 */
abstract class JdbcGalleryStoreContract extends GalleryStoreContract {

	/** Another store on the same database, as another process would open it. */
	protected abstract GalleryStore otherProcess(Duration changeRetention, Clock clock);

	/** A pool on a database of the same kind that no store has touched yet. */
	protected abstract DataSource emptyDatabase();

	/** The store over a database prepared by {@link #emptyDatabase}. */
	protected abstract GalleryStore storeOver(DataSource database);

	protected abstract SqlDialect dialect();

	@Test
	void replayShouldGiveWhatAnotherProcessCommittedInCommitOrder() {
		try (GalleryStore other = otherProcess(Duration.ofHours(1), Clock.systemUTC())) {
			List<StoredReference> alice = references("alice", "1.0.0", 2);
			other.write(FACE, 0, (c) -> {
			}, (writer) -> {
				writer.insert(alice);
				return null;
			});
			other.write(FACE, 2, (c) -> {
			}, (writer) -> writer.deleteReference("alice", alice.get(0).referenceId()));
			List<Change> seen = new ArrayList<>();
			this.store.replay(FACE, 0, seen::add);
			assertThat(seen).extracting(Change::seq, Change::kind, Change::referenceId)
				.containsExactly(tuple(1L, Change.Kind.ENROLLED, alice.get(0).referenceId()),
						tuple(2L, Change.Kind.ENROLLED, alice.get(1).referenceId()),
						tuple(3L, Change.Kind.DELETED, alice.get(0).referenceId()));
			assertThat(seen.get(0).reference()).as("deleted since: its row is gone").isNull();
			assertThat(seen.get(1).reference().embedding()).containsExactly(alice.get(1).embedding());
			List<Change> none = new ArrayList<>();
			this.store.replay(FACE, 3, none::add);
			assertThat(none).isEmpty();
		}
	}

	@Test
	void writeShouldFirstReplayWhatOthersCommitted() {
		try (GalleryStore other = otherProcess(Duration.ofHours(1), Clock.systemUTC())) {
			other.write(FACE, 0, (c) -> {
			}, (writer) -> {
				writer.insert(references("bob", "1.0.0", 2));
				return null;
			});
			List<Change> seen = new ArrayList<>();
			this.store.write(FACE, 0, seen::add, (writer) -> {
				assertThat(seen).as("replayed before the work runs").extracting(Change::seq).containsExactly(1L, 2L);
				writer.insert(references("alice", "1.0.0", 1));
				return null;
			});
			assertThat(seen).extracting(Change::seq).containsExactly(1L, 2L, 3L);
		}
	}

	@Test
	void replayWhenTheLogWasPrunedShouldAskForAReload() {
		write((writer) -> writer.insert(references("alice", "1.0.0", 2)));
		// a process whose clock says the retention time has passed
		Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
		try (GalleryStore pruning = otherProcess(Duration.ofHours(1), later)) {
			((JdbcGalleryStore) pruning).prune();
		}
		assertThatThrownBy(() -> this.store.replay(FACE, 0, (c) -> {
		})).isInstanceOf(ChangesPrunedException.class);
		long position = this.store.load(FACE, (r) -> {
		}).position();
		List<Change> after = new ArrayList<>();
		this.store.replay(FACE, position, after::add);
		assertThat(after).isEmpty();
	}

	@Test
	void aDatabaseOfTheFirstSchemaShouldMigrateAndKeepItsReferences() throws SQLException {
		DataSource database = emptyDatabase();
		Flyway.configure()
			.dataSource(database)
			.locations(dialect().migrations())
			.table("gallery_schema_history")
			.target("1")
			.load()
			.migrate();
		StoredReference alice = references("alice", "1.0.0", 1).get(0);
		try (Connection connection = database.getConnection()) {
			try (PreparedStatement insert = connection.prepareStatement(ReferenceRows.INSERT)) {
				ReferenceRows.bind(insert, FACE.model(), 1, alice);
				insert.executeUpdate();
			}
			try (PreparedStatement head = connection
				.prepareStatement("INSERT INTO gallery_model (model, head) VALUES ('face', 1)")) {
				head.executeUpdate();
			}
		}
		try (GalleryStore migrated = storeOver(database)) {
			migrated.prepare();
			List<StoredReference> loaded = new ArrayList<>();
			GalleryStore.Snapshot snapshot = migrated.load(FACE, loaded::add);
			assertThat(loaded).extracting(StoredReference::referenceId).containsExactly(alice.referenceId());
			assertThat(snapshot.position()).isEqualTo(1);
			assertThatThrownBy(() -> migrated.replay(FACE, 0, (c) -> {
			})).as("changes before the log existed were never logged").isInstanceOf(ChangesPrunedException.class);
			List<Change> seen = new ArrayList<>();
			migrated.write(FACE, 1, seen::add, (writer) -> writer.deleteSubject("alice"));
			assertThat(seen).extracting(Change::seq).containsExactly(2L);
		}
	}

}
