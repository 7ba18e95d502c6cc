package io.siameseverify.gallery;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siameseverify.FailingIterator;
import io.siameseverify.RandomVectors;
import io.siameseverify.encoder.card.Metric;
import io.siameseverify.gallery.store.GalleryStore;
import io.siameseverify.gallery.store.GalleryStores;
import io.siameseverify.gallery.store.ModelKey;
import io.siameseverify.gallery.store.StoreUnavailableException;
import io.siameseverify.gallery.store.StoredReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A gallery over the embedded store, on a real SQLite file: what is acknowledged is there
 * after a restart, a commit that fails changes nothing in memory, references of another
 * model version wait without being served, and an import keeps all or nothing.
 */
class DurableGalleryTests {

	private static final ModelKey FACE = new ModelKey("face", "1.0.0", 8);

	private static final SubjectId ALICE = new SubjectId("alice");

	private static final SubjectId BOB = new SubjectId("bob");

	@TempDir
	Path directory;

	private final Random random = new Random(3);

	private final List<GalleryStore> stores = new ArrayList<>();

	@AfterEach
	void closeStores() {
		this.stores.forEach(GalleryStore::close);
	}

	@Test
	void enrolmentsAndDeletionsShouldBeThereAfterARestart() {
		Gallery before = gallery(FACE, GalleryProperties.limits(5, 100));
		float[] probe = vector();
		Subject alice = before.enroll(ALICE, List.of(probe, vector()));
		before.enroll(BOB, List.of(vector()));
		before.deleteReference(ALICE, alice.references().get(1).referenceId());

		Gallery after = gallery(FACE, GalleryProperties.limits(5, 100));
		assertThat(after.subjects(0, 10).subjects()).containsExactlyElementsOf(before.subjects(0, 10).subjects());
		assertThat(after.subject(ALICE).orElseThrow().references()).containsExactly(alice.references().get(0));
		assertThat(after.verify(ALICE, probe).distance()).isZero();
	}

	@Test
	void aCommitThatFailsShouldChangeNothingInMemory() {
		GalleryStore store = store();
		Gallery gallery = loaded(store, FACE, GalleryProperties.limits(5, 100));
		float[] probe = vector();
		gallery.enroll(ALICE, List.of(probe));
		store.close();

		assertThatThrownBy(() -> gallery.enroll(BOB, List.of(vector()))).isInstanceOf(StoreUnavailableException.class);
		assertThatThrownBy(() -> gallery.deleteSubject(ALICE)).isInstanceOf(StoreUnavailableException.class);
		assertThat(gallery.counts().orElseThrow()).isEqualTo(new Gallery.Counts(1, 1, 0));
		assertThat(gallery.verify(ALICE, probe).distance()).as("still served from memory").isZero();
		assertThat(gallery.identify(probe, 3)).extracting(Match::subjectId).containsExactly(ALICE);
	}

	@Test
	void referencesOfAnotherModelVersionShouldWaitUnservedAndGoWithTheirSubject() {
		Gallery older = gallery(new ModelKey("face", "0.9.0", 8), GalleryProperties.limits(5, 100));
		older.enroll(ALICE, List.of(vector(), vector()));
		older.enroll(BOB, List.of(vector()));

		Gallery current = gallery(FACE, GalleryProperties.limits(5, 100));
		assertThat(current.counts().orElseThrow()).isEqualTo(new Gallery.Counts(0, 0, 3));
		current.enroll(ALICE, List.of(vector()));
		assertThat(current.counts().orElseThrow()).isEqualTo(new Gallery.Counts(1, 1, 3));

		current.deleteSubject(ALICE);
		assertThat(current.counts().orElseThrow()).as("delete means every version")
			.isEqualTo(new Gallery.Counts(0, 0, 1));
		current.deleteSubject(BOB);
		assertThat(current.counts().orElseThrow()).isEqualTo(new Gallery.Counts(0, 0, 0));
		assertThat(gallery(new ModelKey("face", "0.9.0", 8), GalleryProperties.limits(5, 100)).counts()
			.orElseThrow()
			.references()).isZero();
	}

	@Test
	void importShouldAddWhatIsNewAndSkipWhatIsStored() {
		Gallery gallery = gallery(FACE, GalleryProperties.limits(5, 100));
		Subject alice = gallery.enroll(ALICE, List.of(vector()));
		List<StoredReference> lines = new ArrayList<>();
		gallery.export(lines::add);
		lines.add(reference("bob"));
		lines.add(reference("carol"));

		long added = gallery.importReferences(lines.iterator());
		assertThat(added).isEqualTo(2);
		assertThat(gallery.counts().orElseThrow()).isEqualTo(new Gallery.Counts(3, 3, 0));
		assertThat(gallery.subject(ALICE).orElseThrow()).isEqualTo(alice);
		assertThat(gallery.importReferences(lines.iterator())).as("idempotent").isZero();
	}

	@Test
	void importWhenALineIsBadShouldKeepNothing() {
		Gallery gallery = gallery(FACE, GalleryProperties.limits(5, 100));
		List<StoredReference> lines = List.of(reference("bob"), reference("carol"));
		FailingIterator<StoredReference> failing = new FailingIterator<>(lines,
				() -> new InvalidReferenceException("line 3 is bad"));
		assertThatThrownBy(() -> gallery.importReferences(failing)).isInstanceOf(InvalidReferenceException.class);
		assertThat(gallery.counts().orElseThrow()).isEqualTo(new Gallery.Counts(0, 0, 0));
		assertThat(gallery(FACE, GalleryProperties.limits(5, 100)).counts().orElseThrow().references()).isZero();
	}

	@Test
	void importWhenItWouldPassALimitShouldKeepNothing() {
		Gallery gallery = gallery(FACE, GalleryProperties.limits(2, 2));
		gallery.enroll(ALICE, List.of(vector()));
		assertThatThrownBy(() -> gallery.importReferences(List.of(reference("bob"), reference("carol")).iterator()))
			.isInstanceOf(GalleryLimitException.class)
			.hasMessageContaining("2 subjects");
		assertThatThrownBy(() -> gallery.importReferences(List.of(reference("alice"), reference("alice")).iterator()))
			.isInstanceOf(GalleryLimitException.class)
			.hasMessageContaining("3 references");
		assertThat(gallery.counts().orElseThrow()).isEqualTo(new Gallery.Counts(1, 1, 0));
	}

	@Test
	void importChecksShouldNameWhatIsWrong() {
		Gallery gallery = gallery(FACE, GalleryProperties.limits(2, 2));
		StoredReference good = reference("bob");
		assertThatThrownBy(() -> gallery
			.checkImportable(new StoredReference("42", "bob", good.createdAt(), "1.0.0", good.embedding())))
			.hasMessageContaining("UUID");
		assertThatThrownBy(() -> gallery.checkImportable(
				new StoredReference(good.referenceId(), "b o b", good.createdAt(), "1.0.0", good.embedding())))
			.hasMessageContaining("subjectId");
		assertThatThrownBy(() -> gallery.checkImportable(
				new StoredReference(good.referenceId(), "bob", good.createdAt(), "0.9.0", good.embedding())))
			.hasMessageContaining("served version 1.0.0");
		assertThatThrownBy(() -> gallery
			.checkImportable(new StoredReference(good.referenceId(), "bob", good.createdAt(), "1.0.0", new float[3])))
			.hasMessageContaining("8 values");
		float[] infinite = good.embedding().clone();
		infinite[2] = Float.POSITIVE_INFINITY;
		assertThatThrownBy(() -> gallery
			.checkImportable(new StoredReference(good.referenceId(), "bob", good.createdAt(), "1.0.0", infinite)))
			.hasMessageContaining("finite");
		gallery.checkImportable(good);
	}

	private Gallery gallery(ModelKey key, GalleryProperties limits) {
		return loaded(store(), key, limits);
	}

	private GalleryStore store() {
		GalleryStore store = GalleryStores.embedded(this.directory, Duration.ofHours(1), Clock.systemUTC(),
				new SimpleMeterRegistry());
		store.prepare();
		this.stores.add(store);
		return store;
	}

	private static Gallery loaded(GalleryStore store, ModelKey key, GalleryProperties limits) {
		Gallery gallery = new Gallery(key, Metric.EUCLIDEAN, limits, store, Clock.systemUTC(),
				new SimpleMeterRegistry());
		gallery.load();
		return gallery;
	}

	private StoredReference reference(String subject) {
		return new StoredReference(UUID.randomUUID().toString(), subject, Instant.parse("2026-01-01T00:00:00Z"),
				"1.0.0", vector());
	}

	private float[] vector() {
		return RandomVectors.gaussian(this.random, 8);
	}

}
