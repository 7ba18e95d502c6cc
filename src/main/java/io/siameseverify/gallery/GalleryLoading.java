package io.siameseverify.gallery;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import io.siameseverify.encoder.card.Metric;
import io.siameseverify.gallery.store.Backoff;
import io.siameseverify.gallery.store.GalleryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Loads every gallery from the store of record once the web server is up, on a thread of
 * its own while the models load ({@link GalleryLoadingAwait} waits for it), then follows
 * other processes' changes. Part of readiness (the {@code gallery} health component):
 * down, saying {@code loading gallery}, until every gallery is in memory. A store that
 * does not answer is retried with backoff, never fatal: the service stays alive and says
 * why it is not ready.
 */
@Component("gallery")
class GalleryLoading implements InitializingBean, HealthIndicator, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(GalleryLoading.class);

	private final Galleries galleries;

	private final GalleryStore store;

	private final Map<String, String> states = new ConcurrentHashMap<>();

	private final CountDownLatch done = new CountDownLatch(1);

	private volatile boolean stopped;

	GalleryLoading(Galleries galleries, GalleryStore store) {
		this.galleries = galleries;
		this.store = store;
		galleries.all().forEach((gallery) -> this.states.put(gallery.model(), "loading gallery"));
	}

	@Override
	public void afterPropertiesSet() {
		Thread.ofPlatform().name("gallery-loader").daemon().start(this::loadAll);
	}

	private void loadAll() {
		try {
			retrying("preparing the " + this.store.kind() + " store", this.store::prepare, this.galleries.all());
			for (Gallery gallery : this.galleries.all()) {
				retrying("loading the gallery of model " + gallery.model(), () -> load(gallery), List.of(gallery));
			}
			if (!this.stopped) {
				this.store.follow(this.galleries);
			}
		}
		finally {
			this.done.countDown();
		}
	}

	/** Waits until every gallery is loaded (or loading has been stopped). */
	void await() throws InterruptedException {
		this.done.await();
	}

	private void load(Gallery gallery) {
		long started = System.nanoTime();
		Map<String, Long> others = gallery.load();
		Gallery.Counts counts = gallery.counts().orElseThrow();
		log.info("gallery {} {}: {} references of {} subjects loaded from the {} store in {} ms; scans run on {}",
				gallery.model(), gallery.modelVersion(), counts.references(), counts.subjects(), this.store.kind(),
				(System.nanoTime() - started) / 1_000_000, Metric.scanKernels());
		if (!others.isEmpty()) {
			log.warn(
					"gallery {} {}: {} stored references of other model versions {} are not served; "
							+ "re-enrol their subjects",
					gallery.model(), gallery.modelVersion(), counts.awaitingReenrollment(), others);
		}
		this.states.put(gallery.model(), "ready");
	}

	/** Runs the step until it succeeds; meanwhile the waiting galleries say why. */
	private void retrying(String what, Runnable step, Collection<Gallery> waiting) {
		Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10));
		while (!this.stopped) {
			try {
				step.run();
				return;
			}
			catch (RuntimeException ex) {
				if (this.stopped) {
					return;
				}
				// the first line only: Flyway's messages run over several
				log.warn("{} failed ({}); retrying in {} ms", what,
						String.valueOf(ex.getMessage()).lines().findFirst().orElse(""), backoff.next().toMillis());
				waiting.forEach(
						(gallery) -> this.states.put(gallery.model(), "loading gallery: store unavailable, retrying"));
				if (!backoff.pause()) {
					this.stopped = true;
				}
			}
		}
	}

	@Override
	public Health health() {
		boolean ready = this.galleries.all().stream().allMatch(Gallery::isLoaded);
		Health.Builder health = ready ? Health.up() : Health.outOfService();
		Map<String, String> details = new LinkedHashMap<>();
		this.galleries.all().forEach((gallery) -> details.put(gallery.model(), this.states.get(gallery.model())));
		return health.withDetails(details).build();
	}

	@Override
	public void destroy() {
		this.stopped = true;
	}

}
