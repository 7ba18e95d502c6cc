package io.siameseverify.gallery.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import io.siameseverify.FailingIterator;
import io.siameseverify.RandomVectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every store of record must do, run against each of them: transactions that keep
 * all or nothing, changes handed over in sequence order after the commit, snapshots of
 * one model version in enrolment order, deletion of every version of a subject, imports
 * that skip what is stored, and embeddings kept bit for bit.
 */
abstract class GalleryStoreContract {

	static final ModelKey FACE = new ModelKey("face", "1.0.0", 4);

	private final Random random = new Random(7);

	protected GalleryStore store;

	/** A new, empty store of the kind under test. */
	protected abstract GalleryStore newStore();

	@BeforeEach
	void open() {
		this.store = newStore();
		this.store.prepare();
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void writeShouldHandOverItsChangesInSequenceAfterTheCommit() {
		List<StoredReference> alice = references("alice", "1.0.0", 2);
		List<Change> seen = new ArrayList<>();
		this.store.write(FACE, 0, seen::add, (writer) -> {
			writer.insert(alice);
			assertThat(seen).as("nothing handed over before the commit").isEmpty();
			return null;
		});
		assertThat(seen).extracting(Change::seq).containsExactly(1L, 2L);
		assertThat(seen).extracting(Change::kind).containsOnly(Change.Kind.ENROLLED);
		assertThat(seen).extracting(Change::referenceId)
			.containsExactly(alice.get(0).referenceId(), alice.get(1).referenceId());
	}

	@Test
	void writeWhenWorkThrowsShouldKeepNothing() {
		List<Change> seen = new ArrayList<>();
		assertThatThrownBy(() -> this.store.write(FACE, 0, seen::add, (writer) -> {
			writer.insert(references("alice", "1.0.0", 1));
			throw new IllegalStateException("refused");
		})).hasMessage("refused");
		assertThat(seen).isEmpty();
		assertThat(load(FACE)).isEmpty();
		assertThat(this.store.load(FACE, (r) -> {
		}).position()).isZero();
	}

	@Test
	void loadShouldGiveTheServedVersionInEnrolmentOrderAndCountTheOthers() {
		List<StoredReference> old = references("alice", "0.9.0", 2);
		List<StoredReference> bob = references("bob", "1.0.0", 1);
		List<StoredReference> alice = references("alice", "1.0.0", 1);
		write((writer) -> writer.insert(old));
		write((writer) -> writer.insert(bob));
		write((writer) -> writer.insert(alice));
		List<StoredReference> loaded = new ArrayList<>();
		GalleryStore.Snapshot snapshot = this.store.load(FACE, loaded::add);
		assertThat(loaded).extracting(StoredReference::referenceId)
			.containsExactly(bob.get(0).referenceId(), alice.get(0).referenceId());
		assertThat(snapshot.position()).isEqualTo(4);
		if (!"memory".equals(this.store.kind())) {
			assertThat(snapshot.otherVersions()).isEqualTo(Map.of("0.9.0", 2L));
		}
	}

	@Test
	void storedReferencesShouldComeBackBitForBit() {
		StoredReference reference = new StoredReference(UUID.randomUUID().toString(), "alice",
				Instant.parse("2026-01-02T03:04:05.678Z"), "1.0.0",
				new float[] { Float.MIN_VALUE, -0.0f, 1.0e-30f, 0.1f + 0.2f });
		write((writer) -> writer.insert(List.of(reference)));
		StoredReference loaded = load(FACE).get(0);
		assertThat(loaded.referenceId()).isEqualTo(reference.referenceId());
		assertThat(loaded.subjectId()).isEqualTo("alice");
		assertThat(loaded.createdAt()).isEqualTo(reference.createdAt());
		assertThat(loaded.embedding()).usingElementComparator(GalleryStoreContract::bits)
			.containsExactly(reference.embedding());
	}

	@Test
	void deleteSubjectShouldDeleteEveryVersionAndSayHowMany() {
		write((writer) -> writer.insert(references("alice", "0.9.0", 1)));
		write((writer) -> writer.insert(references("alice", "1.0.0", 2)));
		write((writer) -> writer.insert(references("bob", "1.0.0", 1)));
		List<Change> seen = new ArrayList<>();
		int deleted = this.store.write(FACE, 4, seen::add, (writer) -> writer.deleteSubject("alice"));
		assertThat(deleted).isEqualTo(3);
		assertThat(seen).extracting(Change::kind).containsOnly(Change.Kind.DELETED);
		assertThat(seen).extracting(Change::seq).containsExactly(5L, 6L, 7L);
		assertThat(load(FACE)).extracting(StoredReference::subjectId).containsExactly("bob");
		int again = transact((writer) -> writer.deleteSubject("alice"));
		assertThat(again).isZero();
	}

	@Test
	void deleteReferenceShouldFindItOnlyUnderItsSubject() {
		StoredReference alice = references("alice", "1.0.0", 1).get(0);
		write((writer) -> writer.insert(List.of(alice)));
		boolean underBob = transact((writer) -> writer.deleteReference("bob", alice.referenceId()));
		boolean onlyAlice = transact((writer) -> writer.hasSubject("alice") && !writer.hasSubject("bob"));
		boolean underAlice = transact((writer) -> writer.deleteReference("alice", alice.referenceId()));
		assertThat(underBob).isFalse();
		assertThat(onlyAlice).isTrue();
		assertThat(underAlice).isTrue();
		assertThat(load(FACE)).isEmpty();
	}

	@Test
	void insertNewShouldSkipStoredIdsAndCountWhatItAdded() {
		List<StoredReference> first = references("alice", "1.0.0", 3);
		write((writer) -> writer.insert(first.subList(0, 1)));
		List<StoredReference> again = new ArrayList<>(first);
		again.addAll(references("bob", "1.0.0", 2));
		List<Change> seen = new ArrayList<>();
		long added = this.store.write(FACE, 1, seen::add, (writer) -> writer.insertNew(again.iterator()));
		assertThat(added).isEqualTo(4);
		assertThat(seen).extracting(Change::referenceId)
			.containsExactlyElementsOf(again.subList(1, 5).stream().map(StoredReference::referenceId).toList());
		assertThat(load(FACE)).hasSize(5);
	}

	@Test
	void insertNewWhenTheLinesFailHalfwayShouldKeepNothing() {
		List<StoredReference> many = references("alice", "1.0.0", 2500);
		FailingIterator<StoredReference> failing = new FailingIterator<>(many.subList(0, 2100),
				() -> new IllegalArgumentException("line 2101 is bad"));
		assertThatThrownBy(() -> write((writer) -> writer.insertNew(failing))).hasMessage("line 2101 is bad");
		assertThat(load(FACE)).isEmpty();
	}

	@Test
	void limitsQueriesShouldCountTheVersionAndWhatTheTransactionAdded() {
		write((writer) -> writer.insert(references("old", "0.9.0", 5)));
		write((writer) -> writer.insert(references("alice", "1.0.0", 2)));
		long[] counts = transact((writer) -> {
			writer.insertNew(references("bob", "1.0.0", 3).iterator());
			return new long[] { writer.subjectCount("1.0.0"), writer.maxReferencesPerSubject("1.0.0") };
		});
		assertThat(counts).containsExactly(2, 3);
	}

	@Test
	void exportShouldStreamWhatLoadGives() {
		write((writer) -> writer.insert(references("alice", "1.0.0", 3)));
		write((writer) -> writer.insert(references("bob", "0.9.0", 1)));
		List<StoredReference> exported = new ArrayList<>();
		this.store.export(FACE, exported::add);
		assertThat(exported).extracting(StoredReference::referenceId)
			.containsExactlyElementsOf(load(FACE).stream().map(StoredReference::referenceId).toList());
	}

	protected List<StoredReference> load(ModelKey key) {
		List<StoredReference> loaded = new ArrayList<>();
		this.store.load(key, loaded::add);
		return loaded;
	}

	/** A write transaction from the store's current position, its changes ignored. */
	protected <T> T transact(GalleryStore.Work<T> work) {
		long position = this.store.load(FACE, (r) -> {
		}).position();
		return this.store.write(FACE, position, (change) -> {
		}, work);
	}

	protected void write(Consumer<GalleryStore.Writer> work) {
		transact((writer) -> {
			work.accept(writer);
			return null;
		});
	}

	protected List<StoredReference> references(String subject, String version, int count) {
		Instant now = Instant.parse("2026-11-25T10:00:00.123Z");
		List<StoredReference> references = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			references.add(new StoredReference(UUID.randomUUID().toString(), subject, now, version,
					RandomVectors.gaussian(this.random, FACE.dimension())));
		}
		return references;
	}

	private static int bits(Float a, Float b) {
		return Integer.compare(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b));
	}

}
