package io.siameseverify.gallery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siameseverify.RandomVectors;
import io.siameseverify.encoder.card.Metric;
import io.siameseverify.gallery.store.GalleryStores;
import io.siameseverify.gallery.store.ModelKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class GalleryTests {

	private final Gallery gallery = loaded(Metric.EUCLIDEAN, 2, GalleryProperties.limits(3, 2));

	private static final SubjectId ALICE = new SubjectId("alice");

	private static final SubjectId BOB = new SubjectId("bob@example.org");

	@Test
	void verifyWhenSubjectHasSeveralReferencesShouldTakeTheClosest() {
		Subject alice = this.gallery.enroll(ALICE, List.of(new float[] { 0, 0 }, new float[] { 10, 0 }));
		Match match = this.gallery.verify(ALICE, new float[] { 9, 0 });
		assertThat(match.distance()).isCloseTo(1.0, within(1e-9));
		assertThat(match.referenceId()).isEqualTo(alice.references().get(1).referenceId());
	}

	@Test
	void compareShouldListEveryReferenceNearestFirstWithTheSubjectsSpread() {
		Subject alice = this.gallery.enroll(ALICE,
				List.of(new float[] { 0, 0 }, new float[] { 6, 0 }, new float[] { 0, 8 }));
		Comparison comparison = this.gallery.compare(ALICE, new float[] { 5, 0 });
		assertThat(comparison.nearestFirst()).extracting(Match::referenceId)
			.containsExactly(alice.references().get(1).referenceId(), alice.references().get(0).referenceId(),
					alice.references().get(2).referenceId());
		assertThat(comparison.distances()).containsExactly(1.0, 5.0, Math.sqrt(89));
		// pairwise 6, 8 and 10
		assertThat(comparison.spread()).isCloseTo(8.0, within(1e-9));
		this.gallery.enroll(BOB, List.of(new float[] { 1, 1 }));
		assertThat(this.gallery.compare(BOB, new float[] { 1, 1 }).spread()).isNaN();
	}

	@Test
	void identifyShouldOrderSubjectsByTheirClosestReference() {
		this.gallery.enroll(ALICE, List.of(new float[] { 0, 0 }, new float[] { 5, 5 }));
		this.gallery.enroll(BOB, List.of(new float[] { 1, 0 }));
		List<Match> matches = this.gallery.identify(new float[] { 4, 5 }, 5);
		assertThat(matches).extracting(Match::subjectId).containsExactly(ALICE, BOB);
		assertThat(matches.get(0).distance()).isCloseTo(1.0, within(1e-9));
		assertThat(this.gallery.identify(new float[] { 4, 5 }, 1)).hasSize(1);
	}

	/**
	 * Identify keeps only the nearest rows while it scans; it must still give exactly
	 * what comparing the probe with every reference of every subject gives, after
	 * deletions have moved rows around.
	 */
	@Test
	void identifyShouldEqualTheBruteForceAnswerAfterEnrolmentsAndDeletions() {
		int perSubject = 4;
		Gallery big = loaded(Metric.COSINE, 16, GalleryProperties.limits(perSubject, 1000));
		Random random = new Random(11);
		Map<SubjectId, Map<String, float[]>> mirror = new LinkedHashMap<>();
		for (int s = 0; s < 300; s++) {
			List<float[]> embeddings = new ArrayList<>();
			for (int r = 0; r <= random.nextInt(perSubject); r++) {
				embeddings.add(RandomVectors.gaussian(random, 16));
			}
			SubjectId id = new SubjectId("s" + s);
			Subject subject = big.enroll(id, embeddings);
			Map<String, float[]> references = new LinkedHashMap<>();
			for (int r = 0; r < embeddings.size(); r++) {
				references.put(subject.references().get(r).referenceId(), embeddings.get(r));
			}
			mirror.put(id, references);
		}
		for (SubjectId id : List.copyOf(mirror.keySet())) {
			Map<String, float[]> references = mirror.get(id);
			if (random.nextInt(4) == 0) {
				big.deleteSubject(id);
				mirror.remove(id);
			}
			else if (references.size() > 1 && random.nextBoolean()) {
				String first = references.keySet().iterator().next();
				big.deleteReference(id, first);
				references.remove(first);
			}
		}
		for (int probeIndex = 0; probeIndex < 50; probeIndex++) {
			float[] probe = RandomVectors.gaussian(random, 16);
			int limit = 1 + random.nextInt(10);
			List<Match> expected = mirror.entrySet()
				.stream()
				.map((subject) -> subject.getValue()
					.entrySet()
					.stream()
					.map((ref) -> new Match(subject.getKey(), ref.getKey(),
							Metric.COSINE.distance(ref.getValue(), probe)))
					.min(Comparator.comparingDouble(Match::distance))
					.orElseThrow())
				.sorted(Comparator.comparingDouble(Match::distance))
				.limit(limit)
				.toList();
			List<Match> found = big.identify(probe, limit);
			// rows are kept as unit vectors for cosine: equal to float precision
			assertThat(found).extracting(Match::subjectId, Match::referenceId)
				.containsExactlyElementsOf(
						expected.stream().map((m) -> tuple(m.subjectId(), m.referenceId())).toList());
			for (int i = 0; i < found.size(); i++) {
				assertThat(found.get(i).distance()).isCloseTo(expected.get(i).distance(), within(1e-6));
			}
		}
	}

	@Test
	void deleteSubjectShouldRemoveItsRowsAndKeepOthersFindable() {
		this.gallery.enroll(ALICE, List.of(new float[] { 0, 0 }, new float[] { 1, 1 }));
		this.gallery.enroll(BOB, List.of(new float[] { 7, 7 }));
		this.gallery.deleteSubject(ALICE);
		assertThat(this.gallery.counts().orElseThrow().references()).isEqualTo(1);
		assertThat(this.gallery.subject(ALICE)).isEmpty();
		assertThat(this.gallery.verify(BOB, new float[] { 7, 7 }).distance()).isZero();
		assertThat(this.gallery.identify(new float[] { 0, 0 }, 5)).extracting(Match::subjectId).containsExactly(BOB);
	}

	@Test
	void deleteLastReferenceShouldDeleteTheSubject() {
		Subject alice = this.gallery.enroll(ALICE, List.of(new float[] { 0, 0 }));
		this.gallery.deleteReference(ALICE, alice.references().get(0).referenceId());
		assertThat(this.gallery.counts().orElseThrow().subjects()).isZero();
	}

	@Test
	void subjectsShouldPageInEnrolmentOrder() {
		this.gallery.enroll(ALICE, List.of(new float[] { 0, 0 }));
		this.gallery.enroll(BOB, List.of(new float[] { 1, 0 }));
		Gallery.Page page = this.gallery.subjects(1, 10);
		assertThat(page.total()).isEqualTo(2);
		assertThat(page.subjects()).extracting(Subject::subjectId).containsExactly(BOB);
	}

	@Nested
	class Limits {

		@Test
		void enrollWhenReferencesWouldPassTheLimitShouldEnrollNothing() {
			GalleryTests.this.gallery.enroll(ALICE, List.of(new float[] { 0, 0 }, new float[] { 1, 0 }));
			assertThatThrownBy(
					() -> GalleryTests.this.gallery.enroll(ALICE, List.of(new float[] { 2, 0 }, new float[] { 3, 0 })))
				.isInstanceOf(GalleryLimitException.class)
				.hasMessageContaining("at most 3");
			assertThat(GalleryTests.this.gallery.counts().orElseThrow().references()).isEqualTo(2);
		}

		@Test
		void enrollWhenSubjectsWouldPassTheLimitShouldRefuse() {
			GalleryTests.this.gallery.enroll(ALICE, List.of(new float[] { 0, 0 }));
			GalleryTests.this.gallery.enroll(BOB, List.of(new float[] { 0, 0 }));
			assertThatThrownBy(
					() -> GalleryTests.this.gallery.enroll(new SubjectId("carol"), List.of(new float[] { 0, 0 })))
				.isInstanceOf(GalleryLimitException.class);
		}

		@Test
		void unknownSubjectAndReferenceShouldBeReported() {
			assertThatThrownBy(() -> GalleryTests.this.gallery.verify(ALICE, new float[] { 0, 0 }))
				.isInstanceOf(UnknownSubjectException.class);
			GalleryTests.this.gallery.enroll(ALICE, List.of(new float[] { 0, 0 }));
			assertThatThrownBy(() -> GalleryTests.this.gallery.deleteReference(ALICE, "nope"))
				.isInstanceOf(UnknownReferenceException.class);
		}

		@Test
		void subjectIdWhenOutsideTheAlphabetOrTooLongShouldBeRejected() {
			assertThatThrownBy(() -> new SubjectId("a b")).isInstanceOf(InvalidSubjectIdException.class);
			assertThatThrownBy(() -> new SubjectId("x".repeat(129))).isInstanceOf(InvalidSubjectIdException.class);
			assertThatThrownBy(() -> new SubjectId("")).isInstanceOf(InvalidSubjectIdException.class);
			assertThatThrownBy(() -> new SubjectId("élise")).isInstanceOf(InvalidSubjectIdException.class);
			assertThatThrownBy(() -> new SubjectId(null)).isInstanceOf(InvalidSubjectIdException.class);
			assertThat(new SubjectId("x".repeat(128)).value()).hasSize(128);
			assertThat(new SubjectId("A.b_c@d-9").value()).isEqualTo("A.b_c@d-9");
		}

	}

	@Test
	void concurrentEnrolDeleteAndIdentifyShouldStayConsistent() throws Exception {
		Gallery big = loaded(Metric.EUCLIDEAN, 2, GalleryProperties.limits(5, 10_000));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				work.add(pool.submit(() -> {
					for (int i = 0; i < 500; i++) {
						SubjectId id = new SubjectId("s" + thread + "-" + i);
						big.enroll(id, List.of(new float[] { i, thread }, new float[] { i, thread + 0.5f }));
						assertThat(big.verify(id, new float[] { i, thread }).distance()).isZero();
						big.identify(new float[] { i, thread }, 3);
						if (i % 2 == 0) {
							big.deleteSubject(id);
						}
					}
				}));
			}
			for (Future<?> f : work) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(big.counts().orElseThrow().subjects()).isEqualTo(4 * 250);
		assertThat(big.counts().orElseThrow().references()).isEqualTo(4 * 250 * 2);
		assertThat(big.verify(new SubjectId("s3-499"), new float[] { 499, 3.5f }).distance()).isZero();
	}

	/** A gallery on the memory store, loaded (empty) and ready. */
	static Gallery loaded(Metric metric, int dimension, GalleryProperties limits) {
		Gallery gallery = new Gallery(new ModelKey("face", "1.0.0", dimension), metric, limits, GalleryStores.memory(),
				Clock.systemUTC(), new SimpleMeterRegistry());
		gallery.load();
		return gallery;
	}

}
