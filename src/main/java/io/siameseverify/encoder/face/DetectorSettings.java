package io.siameseverify.encoder.face;

import java.nio.file.Path;
import java.util.List;

import io.siameseverify.encoder.card.InvalidModelException;
import io.siameseverify.encoder.card.ModelCard;

/**
 * The face detector's settings, as the card's {@code detect} step states them (the card
 * is their one source).
 *
 * @param inputSize the square side the network takes, in pixels
 * @param anchors anchor boxes, width and height in grid cells
 * @param scoreThreshold boxes scoring at least this are faces
 * @param nmsThreshold a box overlapping a better one by more than this IoU is dropped
 */
public record DetectorSettings(int inputSize, double[][] anchors, double scoreThreshold, double nmsThreshold) {

	/** From the card's detect step; every setting must be there. */
	public static DetectorSettings of(ModelCard card, Path cardFile) {
		ModelCard.Step step = card.preprocessing()
			.step("detect")
			.orElseThrow(() -> new InvalidModelException(
					"%s: a face model needs a preprocessing step \"detect\"".formatted(cardFile)));
		List<List<Double>> anchors = step.anchors();
		if (step.inputSize() == null || anchors == null || anchors.isEmpty() || step.scoreThreshold() == null
				|| step.nmsThreshold() == null || anchors.stream().anyMatch((anchor) -> anchor.size() != 2)) {
			throw new InvalidModelException(
					("%s: the detect step needs inputSize, anchors (pairs of width and height), "
							+ "scoreThreshold and nmsThreshold; it has %s")
						.formatted(cardFile, step));
		}
		return new DetectorSettings(step.inputSize(),
				anchors.stream()
					.map((anchor) -> anchor.stream().mapToDouble(Double::doubleValue).toArray())
					.toArray(double[][]::new),
				step.scoreThreshold(), step.nmsThreshold());
	}

	/** The landmark network's input side, from the card's landmarks step. */
	public static int landmarksInputSize(ModelCard card, Path cardFile) {
		return card.preprocessing()
			.step("landmarks")
			.map(ModelCard.Step::inputSize)
			.orElseThrow(() -> new InvalidModelException(
					"%s: a face model needs a preprocessing step \"landmarks\" with an inputSize".formatted(cardFile)));
	}

}
