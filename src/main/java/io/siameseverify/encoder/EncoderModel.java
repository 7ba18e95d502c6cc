package io.siameseverify.encoder;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.siameseverify.encoder.card.InvalidModelException;
import io.siameseverify.encoder.card.Metric;
import io.siameseverify.encoder.card.ModelCard;
import io.siameseverify.encoder.card.ModelSpec;
import io.siameseverify.encoder.image.DecodedImage;
import io.siameseverify.encoder.image.ImageDecoder;
import io.siameseverify.encoder.image.ImageRejectedException;
import io.siameseverify.encoder.runtime.Tensor;
import io.siameseverify.encoder.runtime.TorchScriptNetwork;

/**
 * One served model: its card, its preprocessing and its networks. {@link #encode} turns
 * image bytes into an embedding and records decode, preprocess and inference times per
 * model.
 */
public final class EncoderModel implements AutoCloseable {

	private final ModelSpec spec;

	private final ImageDecoder decoder;

	private final Preprocessor preprocessor;

	private final TorchScriptNetwork encoder;

	private final List<TorchScriptNetwork> networks;

	private final Timer decodeTimer;

	private final Timer preprocessTimer;

	private final Timer inferenceTimer;

	EncoderModel(ModelSpec spec, ImageDecoder decoder, Preprocessor preprocessor, TorchScriptNetwork encoder,
			List<TorchScriptNetwork> helpers, MeterRegistry meters) {
		this.spec = spec;
		this.decoder = decoder;
		this.preprocessor = preprocessor;
		this.encoder = encoder;
		this.networks = new ArrayList<>(helpers);
		this.networks.add(encoder);
		this.decodeTimer = timer(meters, "siamese.encoder.decode", spec.name(), "image decoding and orientation");
		this.preprocessTimer = timer(meters, "siamese.encoder.preprocess", spec.name(),
				"preprocessing, with face detection and landmarks for face models");
		this.inferenceTimer = timer(meters, "siamese.encoder.inference", spec.name(), "the encoder's forward pass");
	}

	/** A per-model stage timer, with a histogram for latency quantiles in Prometheus. */
	static Timer timer(MeterRegistry meters, String name, String model, String description) {
		return Timer.builder(name)
			.description(description)
			.tag("model", model)
			.publishPercentileHistogram()
			.register(meters);
	}

	/**
	 * The same, naming the image in a refusal: {@code image1}, {@code image[2]}, as the
	 * request called it.
	 */
	public Encoding encode(byte[] image, EncodeOptions options, String name) {
		try {
			return encode(image, options);
		}
		catch (ImageRejectedException ex) {
			throw ex.about(name);
		}
	}

	public Encoding encode(byte[] image, EncodeOptions options) {
		Preprocessor.Prepared prepared;
		try (DecodedImage decoded = this.decodeTimer.record(() -> this.decoder.decode(image))) {
			prepared = this.preprocessTimer.record(() -> this.preprocessor.prepare(decoded.pixels(), options));
		}
		float[] values = this.inferenceTimer.record(() -> infer(prepared.tensor()));
		return new Encoding(new Embedding(name(), version(), values), prepared.faces(), prepared.tensor());
	}

	float[] infer(Tensor input) {
		Tensor normalised = normalise(input);
		ModelCard.EmbeddingSpec embedding = this.spec.card().embedding();
		if (!embedding.mirrorAverage()) {
			return checked(this.encoder.run(normalised));
		}
		List<Tensor> outputs = this.encoder.runAll(List.of(normalised, MirrorAverage.mirrored(normalised)));
		return MirrorAverage.mean(checked(outputs.get(0)), checked(outputs.get(1)), embedding.normalized());
	}

	private float[] checked(Tensor output) {
		if (output.data().length != this.spec.embeddingSize()) {
			throw new InvalidModelException("%s: embedding size expected %d (card), actual %d (model)".formatted(name(),
					this.spec.embeddingSize(), output.data().length));
		}
		return output.data();
	}

	/**
	 * (x − mean) / std per channel when the card says the service, not the model,
	 * normalises.
	 */
	private Tensor normalise(Tensor input) {
		ModelCard.Normalization n = this.spec.card().input().normalization();
		if (n == null || !n.appliedByService()) {
			return input;
		}
		float[] data = input.data().clone();
		int channels = (int) input.shape()[1];
		int plane = data.length / channels;
		for (int c = 0; c < channels; c++) {
			double mean = n.mean().get(c);
			double std = n.std().get(c);
			for (int i = c * plane; i < (c + 1) * plane; i++) {
				data[i] = (float) ((data[i] - mean) / std);
			}
		}
		return new Tensor(data, input.shape());
	}

	public ModelSpec spec() {
		return this.spec;
	}

	public String name() {
		return this.spec.name();
	}

	public String version() {
		return this.spec.version();
	}

	public Metric metric() {
		return this.spec.metric();
	}

	/** The decision threshold: configured override, else the card's. */
	public double threshold() {
		return this.spec.threshold();
	}

	public int embeddingSize() {
		return this.spec.embeddingSize();
	}

	public ModelCard card() {
		return this.spec.card();
	}

	@Override
	public void close() {
		this.networks.forEach(TorchScriptNetwork::close);
	}

}
