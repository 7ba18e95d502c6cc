package io.siameseverify.verification;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siameseverify.encoder.BatchEncoding;
import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.EncoderModel;
import io.siameseverify.encoder.EncoderProperties;
import io.siameseverify.encoder.Encoding;
import io.siameseverify.encoder.Face;
import io.siameseverify.encoder.ImageFields;
import io.siameseverify.encoder.ImageInputs;
import io.siameseverify.encoder.ModelRegistry;
import io.siameseverify.encoder.TooManyImagesException;
import io.siameseverify.encoder.card.ModelCard;
import io.siameseverify.encoder.card.ModelSpec;
import io.siameseverify.encoder.card.SubjectRule;
import io.siameseverify.encoder.image.ImageRejectedException;
import io.siameseverify.gallery.Galleries;
import io.siameseverify.gallery.Gallery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The served models, and raw embeddings.
 *
 * <pre>
 * curl localhost:8080/v1/models
 * curl -F image=@face.jpg localhost:8080/v1/models/face/embeddings
 * curl -F image=@a.jpg -F image=@b.jpg localhost:8080/v1/models/face/embeddings/batch
 * </pre>
 */
@RestController
@Tag(name = "Models", description = "The configured models, and embeddings of images")
class ModelsController {

	private final ModelRegistry models;

	private final Galleries galleries;

	private final EncoderProperties limits;

	ModelsController(ModelRegistry models, Galleries galleries, EncoderProperties limits) {
		this.models = models;
		this.galleries = galleries;
		this.limits = limits;
	}

	@Operation(summary = "List the served models",
			description = "Every configured model; ready is false while its networks load (its requests get 503); "
					+ "gallery says where enrolments are stored and how many there are.")
	@GetMapping("/v1/models")
	List<ModelInfo> list() {
		return this.models.specs().stream().map(this::info).toList();
	}

	@Operation(summary = "Describe one model")
	@GetMapping("/v1/models/{model}")
	ModelInfo get(@PathVariable String model) {
		return info(this.models.spec(model));
	}

	private ModelInfo info(ModelSpec spec) {
		return ModelInfo.of(spec, this.models.isLoaded(spec.name()),
				GalleryInfo.of(this.galleries.storeKind(), this.galleries.of(spec.name())));
	}

	@Operation(summary = "Encode one image",
			description = "Part image. The embedding is biometric data: store it as carefully as the image.")
	@PostMapping("/v1/models/{model}/embeddings")
	EmbeddingResponse embed(@PathVariable String model, @ImageFields("image") ImageInputs images,
			@RequestParam(required = false) Boolean detect, @RequestParam(required = false) String face) {
		EncoderModel encoder = this.models.get(model);
		Encoding encoding = encoder.encode(images.one("image"), EncodeOptions.of(detect, face));
		return new EmbeddingResponse(encoder.name(), encoder.version(), encoding.embedding().values(),
				encoding.facesFound(), encoding.faces());
	}

	@Operation(summary = "Encode many images",
			description = "Repeated image parts (or a JSON array in field image), at most "
					+ "siamese.encoder.max-batch-images. One result per image, in order: its embedding, or the "
					+ "problem that image alone would have got (no face, not an image, too large…). Overload "
					+ "or a model not ready fails the whole request with 503. Embeddings are biometric data.")
	@PostMapping("/v1/models/{model}/embeddings/batch")
	BatchResponse embedBatch(@PathVariable String model,
			@ImageFields(value = "image", several = true) ImageInputs images,
			@RequestParam(required = false) Boolean detect, @RequestParam(required = false) String face) {
		List<byte[]> all = images.all("image");
		if (all.size() > this.limits.maxBatchImages()) {
			throw new TooManyImagesException(all.size(), this.limits.maxBatchImages());
		}
		EncoderModel encoder = this.models.get(model);
		List<BatchEncoding.Outcome> outcomes = BatchEncoding.encodeEach(encoder, all, EncodeOptions.of(detect, face),
				this.limits.maxBatch());
		List<BatchResult> results = new ArrayList<>(outcomes.size());
		for (int i = 0; i < outcomes.size(); i++) {
			results.add(BatchResult.of(i, outcomes.get(i)));
		}
		return new BatchResponse(encoder.name(), encoder.version(), results);
	}

	/** A model as the API describes it. */
	record ModelInfo(String name, String version, int embeddingSize, String metric, double threshold,
			String thresholdChosenOn, SubjectVerification subjectVerification, String pipeline, Input input,
			boolean ready, GalleryInfo gallery) {

		static ModelInfo of(ModelSpec model, boolean ready, GalleryInfo gallery) {
			ModelCard card = model.card();
			SubjectRule rule = model.subjectRule();
			return new ModelInfo(model.name(), model.version(), model.embeddingSize(), model.metric().id(),
					model.threshold(), card.threshold().chosenOn(),
					new SubjectVerification(rule.label(), rule.threshold()), card.preprocessing().pipeline(),
					new Input(card.input().width(), card.input().height(), card.input().channels()), ready, gallery);
		}

		/**
		 * How a probe is compared with an enrolled subject's references, and its
		 * threshold.
		 */
		record SubjectVerification(String rule, double threshold) {
		}

		/** The encoder's input size. */
		record Input(int width, int height, int channels) {
		}

	}

	/**
	 * The model's gallery: where it is stored, and (once loaded) its subjects, references
	 * and the stored references of other model versions that wait for re-enrolment.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record GalleryInfo(String store, boolean loaded, Integer subjects, Integer references, Long awaitingReenrollment) {

		static GalleryInfo of(String store, Gallery gallery) {
			return gallery.counts()
				.map((counts) -> new GalleryInfo(store, true, counts.subjects(), counts.references(),
						counts.awaitingReenrollment()))
				.orElseGet(() -> new GalleryInfo(store, false, null, null, null));
		}

	}

	/**
	 * The results of a batch, one per image in the order sent, bound to the model and
	 * version.
	 */
	record BatchResponse(String model, String modelVersion, List<BatchResult> results) {
	}

	/** One image's result: an embedding (and faces found), or the problem. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record BatchResult(int index, float[] embedding, Integer facesFound, List<Face> faces, ImageProblem problem) {

		static BatchResult of(int index, BatchEncoding.Outcome outcome) {
			if (outcome.encoded()) {
				Encoding encoding = outcome.encoding();
				return new BatchResult(index, encoding.embedding().values(), encoding.facesFound(), encoding.faces(),
						null);
			}
			return new BatchResult(index, null, null, null, ImageProblem.of(outcome.rejection()));
		}

	}

	/**
	 * The problem one image of a batch met, with the type, title and status the same
	 * image sent alone gets as an RFC 9457 answer.
	 */
	record ImageProblem(String type, String title, int status, String detail) {

		static ImageProblem of(ImageRejectedException rejection) {
			ImageRejectedException.Kind kind = rejection.kind();
			return new ImageProblem("urn:siamese-verify:problem:" + kind.slug(), kind.title(), kind.status(),
					rejection.getMessage());
		}

	}

	/**
	 * One embedding, bound to its model and version; with face detection, the faces found
	 * (the encoded one marked).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record EmbeddingResponse(String model, String modelVersion, float[] embedding, Integer facesFound,
			List<Face> faces) {
	}

}
