package io.siameseverify.gallery;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.siameseverify.encoder.ModelRegistry;
import io.siameseverify.encoder.UnknownModelException;
import io.siameseverify.encoder.card.ModelSpec;
import io.siameseverify.gallery.store.GalleryStore;
import io.siameseverify.gallery.store.ModelKey;

import org.springframework.stereotype.Component;

/**
 * One {@link Gallery} per served model, keyed by model name; a gallery belongs to the
 * model's name and version. Follows the changes other processes make to the store, and
 * publishes the enrolled reference and subject counts per model, and the references of
 * other model versions that wait for re-enrolment.
 */
@Component
public class Galleries implements GalleryStore.ChangeFollower {

	private final Map<String, Gallery> byModel = new LinkedHashMap<>();

	private final GalleryStore store;

	Galleries(ModelRegistry models, GalleryProperties properties, GalleryStore store, MeterRegistry meters) {
		this.store = store;
		for (ModelSpec model : models.specs()) {
			Gallery gallery = new Gallery(new ModelKey(model.name(), model.version(), model.embeddingSize()),
					model.metric(), properties, store, Clock.systemUTC(), meters);
			this.byModel.put(model.name(), gallery);
			gauge(meters, "siamese.gallery.references", "enrolled references of the served version", gallery,
					Gallery.Counts::references);
			gauge(meters, "siamese.gallery.subjects", "enrolled subjects", gallery, Gallery.Counts::subjects);
			gauge(meters, "siamese.gallery.references.awaiting.reenrollment",
					"stored references of other model versions, not served until their subjects are re-enrolled",
					gallery, Gallery.Counts::awaitingReenrollment);
		}
	}

	/** A gauge of one of the gallery's counts; NaN while the gallery loads. */
	private static void gauge(MeterRegistry meters, String name, String description, Gallery gallery,
			ToDoubleFunction<Gallery.Counts> count) {
		Gauge.builder(name, gallery, (g) -> g.counts().map(count::applyAsDouble).orElse(Double.NaN))
			.description(description)
			.tag("model", gallery.model())
			.register(meters);
	}

	public Gallery of(String model) {
		Gallery gallery = this.byModel.get(model);
		if (gallery == null) {
			throw new UnknownModelException(model);
		}
		return gallery;
	}

	/** Every gallery, in configuration order. */
	public Collection<Gallery> all() {
		return this.byModel.values();
	}

	/** The kind of store of record: memory, embedded or postgres. */
	public String storeKind() {
		return this.store.kind();
	}

	@Override
	public void changed(String model) {
		Gallery gallery = this.byModel.get(model);
		if (gallery != null) {
			gallery.catchUp();
		}
	}

	@Override
	public void resync() {
		this.byModel.values().forEach(Gallery::catchUp);
	}

}
