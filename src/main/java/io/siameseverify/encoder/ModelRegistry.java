package io.siameseverify.encoder;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.siameseverify.encoder.card.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every configured model. Construction reads and checks each card, so a wrong card stops
 * start-up at once; {@link #loadAll} then loads and warms up the networks while the HTTP
 * server already answers. Until a model is loaded, requests for it get
 * {@link ModelNotReadyException} (503) and readiness stays down; a model that fails to
 * load stops start-up with {@link InvalidModelException}.
 */
public class ModelRegistry implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

	private final Map<String, ModelsProperties.ModelSettings> settings;

	private final ModelLoader loader;

	private final Map<String, ModelSpec> specs = new LinkedHashMap<>();

	private final Map<String, EncoderModel> loaded = new ConcurrentHashMap<>();

	ModelRegistry(ModelsProperties properties, ModelLoader loader) {
		this.settings = properties.models();
		this.loader = loader;
		this.settings.forEach((name, model) -> this.specs.put(name, loader.describe(name, model)));
	}

	/** Loads and warms up every model not yet loaded, in configuration order. */
	void loadAll() {
		try {
			this.specs.forEach((name, spec) -> this.loaded.computeIfAbsent(name, (key) -> load(spec)));
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private EncoderModel load(ModelSpec spec) {
		long started = System.nanoTime();
		EncoderModel model = this.loader.load(spec, this.settings.get(spec.name()));
		log.info("model {} {} loaded and warmed up in {} ms", spec.name(), spec.version(),
				(System.nanoTime() - started) / 1_000_000);
		return model;
	}

	/**
	 * The loaded model of that name; {@link UnknownModelException} when none is
	 * configured, {@link ModelNotReadyException} while it loads.
	 */
	public EncoderModel get(String name) {
		EncoderModel model = this.loaded.get(name);
		if (model != null) {
			return model;
		}
		throw this.specs.containsKey(name) ? new ModelNotReadyException(name) : new UnknownModelException(name);
	}

	/** The configured model of that name, loaded or not. */
	public ModelSpec spec(String name) {
		ModelSpec spec = this.specs.get(name);
		if (spec == null) {
			throw new UnknownModelException(name);
		}
		return spec;
	}

	/** Every configured model, loaded or not, in configuration order. */
	public Collection<ModelSpec> specs() {
		return this.specs.values();
	}

	public boolean isLoaded(String name) {
		return this.loaded.containsKey(name);
	}

	public boolean isAllLoaded() {
		return this.loaded.size() == this.specs.size();
	}

	@Override
	public void close() {
		this.loaded.values().forEach(EncoderModel::close);
		this.loaded.clear();
	}

}
