package io.siameseverify.encoder.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.runtime.Tensor;
import io.siameseverify.encoder.runtime.TorchScriptNetwork;

/**
 * face-api's tiny face detector, decoded in Java with the constants of the model card:
 * the image padded with black at the bottom or right to a square, resized to the input
 * size, run, every cell × anchor decoded (sigmoid offsets, exponential sizes), scores
 * above the threshold kept, then greedy non-maximum suppression.
 */
public final class FaceDetector {

	/**
	 * face-api's anchors (width, height in cells), from
	 * {@code tinyFaceDetector/const.ts}.
	 */
	static final double[][] ANCHORS = { { 1.603231, 2.094468 }, { 6.041143, 7.080126 }, { 2.882459, 3.518061 },
			{ 4.266906, 5.178857 }, { 9.041765, 10.66308 } };

	private final TorchScriptNetwork network;

	private final int inputSize;

	private final double scoreThreshold;

	private final double iouThreshold;

	public FaceDetector(TorchScriptNetwork network, int inputSize, double scoreThreshold, double iouThreshold) {
		this.network = network;
		this.inputSize = inputSize;
		this.scoreThreshold = scoreThreshold;
		this.iouThreshold = iouThreshold;
	}

	/**
	 * Faces in pixels of the image, best score first. The detector learnt faces with
	 * context around them; when a tight crop (a face filling the frame) yields none, it
	 * looks once more with the image centred on a black square twice its size.
	 */
	List<Box> detect(Pixels image) {
		List<Box> faces = detectOnSquare(image, 0);
		if (!faces.isEmpty()) {
			return faces;
		}
		int margin = Math.max(image.width(), image.height()) / 2;
		return detectOnSquare(image, margin).stream()
			.map((b) -> new Box(b.x() - margin, b.y() - margin, b.width(), b.height(), b.score()))
			.toList();
	}

	/**
	 * The image at (margin, margin) on a black square, padded at the bottom/right as
	 * face-api does.
	 */
	private List<Box> detectOnSquare(Pixels image, int margin) {
		int side = Math.max(image.width(), image.height()) + 2 * margin;
		int[] square = new int[side * side];
		for (int y = 0; y < image.height(); y++) {
			System.arraycopy(image.rgb(), y * image.width(), square, (margin + y) * side + margin, image.width());
		}
		Tensor output = this.network.run(TfBilinear.resizeToNchw(square, side, side, this.inputSize));
		return nonMaxSuppression(decode(output, side));
	}

	/**
	 * Raw N × 25 × cells × cells output → boxes in pixels of a square of the given side.
	 */
	List<Box> decode(Tensor output, double side) {
		int cells = (int) output.shape()[2];
		int plane = cells * cells;
		float[] t = output.data();
		List<Box> boxes = new ArrayList<>();
		for (int row = 0; row < cells; row++) {
			for (int col = 0; col < cells; col++) {
				for (int anchor = 0; anchor < ANCHORS.length; anchor++) {
					int base = anchor * 5 * plane + row * cells + col;
					double score = sigmoid(t[base + 4 * plane]);
					if (score <= this.scoreThreshold) {
						continue;
					}
					double centerX = (col + sigmoid(t[base])) / cells;
					double centerY = (row + sigmoid(t[base + plane])) / cells;
					double width = Math.exp(t[base + 2 * plane]) * ANCHORS[anchor][0] / cells;
					double height = Math.exp(t[base + 3 * plane]) * ANCHORS[anchor][1] / cells;
					boxes.add(new Box((centerX - width / 2) * side, (centerY - height / 2) * side, width * side,
							height * side, score));
				}
			}
		}
		return boxes;
	}

	List<Box> nonMaxSuppression(List<Box> boxes) {
		List<Box> sorted = new ArrayList<>(boxes);
		sorted.sort(Comparator.comparingDouble(Box::score).reversed());
		List<Box> kept = new ArrayList<>();
		for (Box candidate : sorted) {
			if (kept.stream().allMatch((box) -> box.iou(candidate) <= this.iouThreshold)) {
				kept.add(candidate);
			}
		}
		return kept;
	}

	private static double sigmoid(double x) {
		return 1 / (1 + Math.exp(-x));
	}

}
