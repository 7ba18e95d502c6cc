package io.siameseverify.encoder;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every configured model, loaded, checked and warmed up once at start-up. The application
 * context (and so readiness) does not come up until this constructor returns; a bad model
 * stops start-up with {@link InvalidModelException}.
 */
public class ModelRegistry implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

	private final Map<String, EncoderModel> models = new LinkedHashMap<>();

	ModelRegistry(ModelsProperties properties, ModelLoader loader) {
		try {
			properties.models().forEach((name, settings) -> {
				long started = System.nanoTime();
				EncoderModel model = loader.load(name, settings);
				this.models.put(name, model);
				log.info("model {} {} loaded and warmed up in {} ms", name, model.version(),
						(System.nanoTime() - started) / 1_000_000);
			});
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	public Optional<EncoderModel> find(String name) {
		return Optional.ofNullable(this.models.get(name));
	}

	/** The model of that name, or {@link UnknownModelException}. */
	public EncoderModel get(String name) {
		return find(name).orElseThrow(() -> new UnknownModelException(name));
	}

	public Collection<EncoderModel> all() {
		return this.models.values();
	}

	@Override
	public void close() {
		this.models.values().forEach(EncoderModel::close);
	}

}
