package io.siameseverify.encoder.card;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The parts of a model card ({@code model.json}, schema in {@code models/README.md}) that
 * the service acts on. Unknown fields (provenance, figures) are kept in the file, not
 * here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(int schemaVersion, String name, String version, FileRef file,
		Map<String, FileRef> auxiliaryModels, Input input, Preprocessing preprocessing, EmbeddingSpec embedding,
		String metric, Threshold threshold, SubjectVerification subjectVerification) {

	/** A TorchScript file relative to the card, with its expected sha256. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record FileRef(String path, String sha256) {
	}

	/** The encoder's input tensor: N × channels × height × width float32. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Input(int width, int height, int channels, String colorOrder, List<Double> valueRange,
			Normalization normalization) {
	}

	/**
	 * Per-channel (x - mean) / std, applied by the "model" itself or by the "service"
	 * first.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Normalization(List<Double> mean, List<Double> std, String appliedBy) {

		public boolean appliedByService() {
			return "service".equals(this.appliedBy);
		}

	}

	/**
	 * Which preprocessing pipeline the model was trained with, and its steps: the card is
	 * the one source of each step's settings.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Preprocessing(String pipeline, List<Step> steps) {

		public Preprocessing {
			steps = (steps != null) ? List.copyOf(steps) : List.of();
		}

		/** The step of that operation, e.g. "detect". */
		public Optional<Step> step(String op) {
			return this.steps.stream().filter((step) -> op.equals(step.op())).findFirst();
		}

	}

	/**
	 * One preprocessing step; only the settings the service acts on are read, the
	 * descriptions stay in the file.
	 *
	 * @param op what the step does: decode, detect, landmarks, align, …
	 * @param inputSize detect and landmarks: the square side the network takes, in pixels
	 * @param anchors detect: the anchor boxes (width, height in grid cells)
	 * @param scoreThreshold detect: boxes scoring at least this are faces
	 * @param nmsThreshold detect: a box overlapping a better one by more than this IoU is
	 * dropped
	 * @param size align: the side of the aligned crop, in pixels
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Step(String op, Integer inputSize, List<List<Double>> anchors, Double scoreThreshold,
			Double nmsThreshold, Integer size) {
	}

	/**
	 * Embedding length, whether the model returns unit vectors, and whether an input's
	 * embedding is the mean of the model's outputs for the input and for its mirror image
	 * (left and right swapped); a card without {@code mirrorAverage} means no.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record EmbeddingSpec(int size, boolean normalized, Boolean mirrorAverage) {

		public EmbeddingSpec {
			mirrorAverage = Boolean.TRUE.equals(mirrorAverage);
		}

	}

	/** Accept when distance &lt;= value; chosenOn names the data that chose it. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Threshold(double value, String chosenOn) {
	}

	/**
	 * How a probe is compared with an enrolled subject's several references (optional;
	 * the smallest distance at {@link Threshold#value} without it).
	 *
	 * @param rule smallest, mean-of-nearest or spread-normalized
	 * @param k for mean-of-nearest, how many distances
	 * @param threshold accept when the rule's score is at most this
	 * @param chosenOn the data that chose the rule and its threshold
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record SubjectVerification(String rule, Integer k, double threshold, String chosenOn) {
	}

}
