package io.siameseverify.encoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.siameseverify.encoder.card.InvalidModelException;
import io.siameseverify.encoder.card.Metric;
import io.siameseverify.encoder.card.ModelCard;
import io.siameseverify.encoder.card.ModelCardReader;
import io.siameseverify.encoder.card.ModelSpec;
import io.siameseverify.encoder.face.DetectorSettings;
import io.siameseverify.encoder.face.FaceAlignment;

import io.siameseverify.encoder.face.FaceDetector;
import io.siameseverify.encoder.face.FaceLandmarker;
import io.siameseverify.encoder.face.FacePreprocessor;
import io.siameseverify.encoder.image.DecodeMemory;
import io.siameseverify.encoder.image.ImageDecoder;
import io.siameseverify.encoder.runtime.InferenceWorkers;
import io.siameseverify.encoder.runtime.Tensor;
import io.siameseverify.encoder.runtime.TorchScriptNetwork;
import io.siameseverify.encoder.signature.SignaturePreprocessor;

/**
 * Builds an {@link EncoderModel} from a model folder in two steps: {@link #describe}
 * reads and checks the card (cheap, at start-up), {@link #load} loads every network and
 * checks the encoder's output size against the card with one warm-up inference.
 */
final class ModelLoader {

	private final EncoderProperties encoder;

	private final InferenceWorkers workers;

	private final MeterRegistry meters;

	/** One budget for every model's decodes. */
	private final DecodeMemory decodeMemory;

	private final ModelFolders folders;

	ModelLoader(EncoderProperties encoder, InferenceWorkers workers, MeterRegistry meters, ModelFolders folders) {
		this.encoder = encoder;
		this.folders = folders;
		this.workers = workers;
		this.meters = meters;
		this.decodeMemory = new DecodeMemory(encoder.decodeMemory(), encoder.maxWait());
	}

	ModelSpec describe(String name, ModelsProperties.ModelSettings settings) {
		Path folder = folder(settings);
		ModelCard card = ModelCardReader.read(folder);
		if (!card.name().equals(name)) {
			throw new InvalidModelException("%s: configured as model '%s', the card's name is '%s'"
				.formatted(folder.resolve("model.json"), name, card.name()));
		}
		Metric metric = Metric.of(card.metric());
		double threshold = (settings.threshold() != null) ? settings.threshold() : card.threshold().value();
		if (!metric.isValidThreshold(threshold)) {
			throw new InvalidModelException("siamese.models.%s.threshold: expected within %s for %s, actual %s"
				.formatted(name, metric.range(), metric.id(), threshold));
		}
		return new ModelSpec(card, threshold);
	}

	EncoderModel load(ModelSpec spec, ModelsProperties.ModelSettings settings) {
		Path folder = folder(settings);
		ModelCard card = spec.card();
		List<TorchScriptNetwork> helpers = new ArrayList<>();
		TorchScriptNetwork network = network(folder.resolve(card.file().path()), card.name(), "encoder",
				this.encoder.maxBatch());
		try {
			Preprocessor preprocessor = preprocessor(card, settings, folder, helpers);
			EncoderModel model = new EncoderModel(spec, new ImageDecoder(this.encoder.imageLimits(), this.decodeMemory),
					preprocessor, network, helpers, this.meters);
			warmUp(model, card);
			return model;
		}
		catch (RuntimeException ex) {
			helpers.forEach(TorchScriptNetwork::close);
			network.close();
			throw ex;
		}
	}

	private Path folder(ModelsProperties.ModelSettings settings) {
		return this.folders.resolve(settings.path());
	}

	private TorchScriptNetwork network(Path file, String model, String role, int maxBatch) {
		return new TorchScriptNetwork(file, this.workers, this.meters, model, role, maxBatch);
	}

	private Preprocessor preprocessor(ModelCard card, ModelsProperties.ModelSettings settings, Path folder,
			List<TorchScriptNetwork> helpers) {
		ModelCard.Input input = card.input();
		return switch (card.preprocessing().pipeline()) {
			case "signature" -> new SignaturePreprocessor(input.height(), input.width());
			case "face" -> facePreprocessor(card, settings, folder, helpers);
			default -> new ResizePreprocessor(input);
		};
	}

	private FacePreprocessor facePreprocessor(ModelCard card, ModelsProperties.ModelSettings settings, Path folder,
			List<TorchScriptNetwork> helpers) {
		ModelCard.FileRef detectorFile = auxiliary(card, "detector", folder);
		ModelCard.FileRef landmarksFile = auxiliary(card, "landmarks", folder);
		TorchScriptNetwork detector = network(folder.resolve(detectorFile.path()), card.name(), "detector",
				this.encoder.detectorMaxBatch());
		helpers.add(detector);
		TorchScriptNetwork landmarks = network(folder.resolve(landmarksFile.path()), card.name(), "landmarks",
				this.encoder.maxBatch());
		helpers.add(landmarks);
		Path cardFile = folder.resolve("model.json");
		return new FacePreprocessor(new FaceDetector(detector, DetectorSettings.of(card, cardFile)),
				new FaceLandmarker(landmarks, DetectorSettings.landmarksInputSize(card, cardFile)),
				FaceAlignment.of(settings.alignment()), card.input().width(), settings.detect(),
				EncoderModel.timer(this.meters, "siamese.encoder.detect", card.name(),
						"face detection and landmarks, within preprocess"));
	}

	private static ModelCard.FileRef auxiliary(ModelCard card, String role, Path folder) {
		if (card.auxiliaryModels() == null || !card.auxiliaryModels().containsKey(role)) {
			throw new InvalidModelException(
					"%s: a face model needs auxiliaryModels.%s, the card has %s".formatted(folder.resolve("model.json"),
							role, (card.auxiliaryModels() != null) ? card.auxiliaryModels().keySet() : "none"));
		}
		return card.auxiliaryModels().get(role);
	}

	/**
	 * One inference on a blank input: checks the output size, and the first request pays
	 * no set-up.
	 */
	private static void warmUp(EncoderModel model, ModelCard card) {
		ModelCard.Input input = card.input();
		model.infer(new Tensor(new float[input.channels() * input.height() * input.width()],
				new long[] { 1, input.channels(), input.height(), input.width() }));
	}

}
