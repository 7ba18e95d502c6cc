package io.siameseverify.gallery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siameseverify.RandomVectors;
import io.siameseverify.encoder.card.Metric;
import io.siameseverify.gallery.store.GalleryStore;
import io.siameseverify.gallery.store.GalleryStores;
import io.siameseverify.gallery.store.ModelKey;
import io.siameseverify.gallery.store.StoreUnavailableException;
import io.siameseverify.gallery.store.StoredReference;
import io.siameseverify.postgres.OwnPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas in one process, each with its own pool and listener, on one real
 * PostgreSQL database: what one changes the other serves within a second, a restarted
 * database is caught up with, and after concurrent writes on both, both galleries equal
 * the database. (The same, with two service processes, in {@code ReplicasIT}.)
 */
class ReplicatedGalleryTests {

	private static final ModelKey FACE = new ModelKey("face", "1.0.0", 8);

	@RegisterExtension
	static final OwnPostgresServer postgres = new OwnPostgresServer();

	private final Random random = new Random(5);

	private final List<GalleryStore> stores = new ArrayList<>();

	private Gallery a;

	private Gallery b;

	private String database;

	@BeforeEach
	void startReplicas() {
		this.database = postgres.server().createDatabase();
		this.a = replica();
		this.b = replica();
	}

	@AfterEach
	void stopReplicas() {
		this.stores.forEach(GalleryStore::close);
	}

	@Test
	void enrolmentOnOneReplicaShouldBeIdentifiedOnTheOtherWithinASecond() {
		float[] face = vector();
		this.a.enroll(new SubjectId("alice"), List.of(face));
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.b.identify(face, 1)).extracting(Match::subjectId)
				.containsExactly(new SubjectId("alice")));
	}

	@Test
	void deletionOnOneReplicaShouldBeGoneFromTheOtherWithinASecond() {
		this.a.enroll(new SubjectId("alice"), List.of(vector()));
		await().atMost(Duration.ofSeconds(1)).until(() -> this.b.subject(new SubjectId("alice")).isPresent());
		this.b.deleteSubject(new SubjectId("alice"));
		await().atMost(Duration.ofSeconds(1)).until(() -> this.a.subject(new SubjectId("alice")).isEmpty());
		assertThat(this.a.counts().orElseThrow()).isEqualTo(new Gallery.Counts(0, 0, 0));
	}

	@Test
	void aRestartedDatabaseShouldBeCaughtUpWith() {
		float[] face = vector();
		this.a.enroll(new SubjectId("alice"), List.of(face));
		postgres.server().stop();
		assertThatThrownBy(() -> this.a.enroll(new SubjectId("bob"), List.of(vector())))
			.isInstanceOf(StoreUnavailableException.class);
		assertThat(this.a.verify(new SubjectId("alice"), face).distance()).as("served from memory").isZero();
		postgres.server().start();

		float[] carol = vector();
		await().atMost(Duration.ofSeconds(15))
			.ignoreException(StoreUnavailableException.class)
			.until(() -> this.b.enroll(new SubjectId("carol"), List.of(carol)) != null);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.a.identify(carol, 1)).extracting(Match::subjectId)
				.containsExactly(new SubjectId("carol")));
		assertThat(this.a.subject(new SubjectId("bob"))).as("the refused enrolment left nothing").isEmpty();
		await().atMost(Duration.ofSeconds(15)).until(() -> this.stores.get(0).health().up());
	}

	@Test
	void concurrentChangesOnBothReplicasShouldLeaveBothEqualToTheDatabase() throws Exception {
		ExecutorService writers = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				Gallery replica = (t % 2 == 0) ? this.a : this.b;
				work.add(writers.submit(() -> churn(replica, 150)));
			}
			for (Future<?> done : work) {
				done.get();
			}
		}
		finally {
			writers.shutdown();
		}
		List<StoredReference> stored = new ArrayList<>();
		GalleryStore.Snapshot snapshot = this.stores.get(0).load(FACE, stored::add);
		List<Subject> expected = galleryOf(stored);
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(this.a.subjects(0, 10_000).subjects()).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(this.b.subjects(0, 10_000).subjects()).containsExactlyInAnyOrderElementsOf(expected);
		});
		assertThat(snapshot.position()).isGreaterThan(300);
	}

	/**
	 * Enrols and deletes among a few shared subject ids, so that the replicas collide.
	 */
	private void churn(Gallery replica, int operations) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < operations; i++) {
			SubjectId subject = new SubjectId("s" + random.nextInt(20));
			try {
				if (random.nextInt(3) == 0) {
					replica.deleteSubject(subject);
				}
				else {
					replica.enroll(subject, List.of(RandomVectors.gaussian(new Random(random.nextLong()), 8)));
				}
			}
			catch (UnknownSubjectException | GalleryLimitException expected) {
				// another writer deleted it first, or it is full
			}
		}
	}

	private static List<Subject> galleryOf(List<StoredReference> stored) {
		java.util.Map<String, List<Reference>> bySubject = new java.util.LinkedHashMap<>();
		stored.forEach((r) -> bySubject.computeIfAbsent(r.subjectId(), (s) -> new ArrayList<>())
			.add(new Reference(r.referenceId(), r.createdAt(), r.modelVersion())));
		return bySubject.entrySet().stream().map((e) -> new Subject(new SubjectId(e.getKey()), e.getValue())).toList();
	}

	private Gallery replica() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(postgres.server().jdbcUrl(this.database));
		pool.setUsername(postgres.server().username());
		pool.setPassword(postgres.server().password());
		pool.setConnectionTimeout(1000);
		GalleryStore store = GalleryStores.postgres(pool, Duration.ofHours(1), Duration.ofSeconds(1),
				Clock.systemUTC());
		this.stores.add(store);
		store.prepare();
		Gallery gallery = new Gallery(FACE, Metric.EUCLIDEAN, GalleryProperties.limits(5, 1000), store,
				Clock.systemUTC(), new SimpleMeterRegistry());
		gallery.load();
		store.follow(new GalleryStore.ChangeFollower() {

			@Override
			public void changed(String model) {
				gallery.catchUp();
			}

			@Override
			public void resync() {
				gallery.catchUp();
			}

		});
		return gallery;
	}

	private float[] vector() {
		return RandomVectors.gaussian(this.random, 8);
	}

}
