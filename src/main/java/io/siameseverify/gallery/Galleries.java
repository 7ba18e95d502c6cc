package io.siameseverify.gallery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.siameseverify.encoder.ModelRegistry;
import io.siameseverify.encoder.ModelSpec;
import io.siameseverify.encoder.UnknownModelException;

import org.springframework.stereotype.Component;

/**
 * One {@link Gallery} per served model, keyed by model name; a gallery belongs to the
 * model's name and version. Publishes the enrolled reference and subject counts per
 * model.
 */
@Component
public class Galleries {

	private final Map<String, Gallery> byModel = new LinkedHashMap<>();

	Galleries(ModelRegistry models, GalleryProperties limits, MeterRegistry meters) {
		for (ModelSpec model : models.specs()) {
			Gallery gallery = new Gallery(model.name(), model.version(), model.metric(), model.embeddingSize(), limits,
					Clock.systemUTC());
			this.byModel.put(model.name(), gallery);
			Gauge.builder("siamese.gallery.references", gallery, Gallery::referenceCount)
				.description("enrolled references")
				.tag("model", model.name())
				.register(meters);
			Gauge.builder("siamese.gallery.subjects", gallery, Gallery::subjectCount)
				.description("enrolled subjects")
				.tag("model", model.name())
				.register(meters);
		}
	}

	public Gallery of(String model) {
		Gallery gallery = this.byModel.get(model);
		if (gallery == null) {
			throw new UnknownModelException(model);
		}
		return gallery;
	}

}
