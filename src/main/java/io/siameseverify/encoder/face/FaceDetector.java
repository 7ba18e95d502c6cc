package io.siameseverify.encoder.face;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.runtime.Tensor;
import io.siameseverify.encoder.runtime.TorchScriptNetwork;

/**
 * face-api's tiny face detector, decoded in Java with the settings of the model card: the
 * image padded with black at the bottom or right to a square, resized to the input size,
 * run, every cell × anchor decoded (sigmoid offsets, exponential sizes), scores above the
 * threshold kept, then greedy non-maximum suppression.
 */
public final class FaceDetector {

	private final TorchScriptNetwork network;

	private final DetectorSettings settings;

	public FaceDetector(TorchScriptNetwork network, DetectorSettings settings) {
		this.network = network;
		this.settings = settings;
	}

	/**
	 * Faces in pixels of the image, best score first. The detector learnt faces with
	 * context around them; when a tight crop (a face filling the frame) yields none, it
	 * looks again with the image centred on a mid-grey square, with a margin of half the
	 * image's longer side, then of one and a half. On the AT&amp;T/ORL crops (92 × 112)
	 * the first look and one more on black (as before) found 306 faces of 400, these two
	 * looks on grey all 400 (docs/calibration.md). When the first look finds faces but
	 * none near the centre, it looks once more on the half margin and adds the faces that
	 * look finds: a face that fills much of a photo is sometimes missed while a bystander
	 * at the edge is found (9 of LFW View 1's 1 549 frames; docs/calibration.md). Other
	 * photos are not affected.
	 */
	List<Box> detect(Pixels image) {
		List<Box> faces = detectOnSquare(image, 0, BLACK);
		if (!faces.isEmpty() && !anyInCentre(faces, image)) {
			return withMarginLook(faces, image);
		}
		for (int i = 0; faces.isEmpty() && i < TIGHT_CROP_MARGINS.length; i++) {
			faces = detectOnMargin(image, TIGHT_CROP_MARGINS[i]);
		}
		return faces;
	}

	/**
	 * The look on a grey margin of the given share of the longer side, in pixels of the
	 * image: the detector sees every face smaller.
	 */
	private List<Box> detectOnMargin(Pixels image, double share) {
		int margin = (int) (Math.max(image.width(), image.height()) * share);
		return detectOnSquare(image, margin, MID_GREY).stream()
			.map((b) -> new Box(b.x() - margin, b.y() - margin, b.width(), b.height(), b.score()))
			.toList();
	}

	/**
	 * The faces found and those of one more look on a grey margin that none of them
	 * overlaps, best score first.
	 */
	private List<Box> withMarginLook(List<Box> faces, Pixels image) {
		List<Box> all = new ArrayList<>(faces);
		for (Box candidate : detectOnMargin(image, TIGHT_CROP_MARGINS[0])) {
			if (all.stream().allMatch((box) -> box.iou(candidate) < SAME_FACE_IOU)) {
				all.add(candidate);
			}
		}
		all.sort(Comparator.comparingDouble(Box::score).reversed());
		return all;
	}

	/** Whether a face lies within {@link #CENTRE} of the shorter side from the centre. */
	private static boolean anyInCentre(List<Box> faces, Pixels image) {
		double reach = CENTRE * Math.min(image.width(), image.height());
		return faces.stream().anyMatch((box) -> box.offsetFromCentre(image) <= reach);
	}

	private static final double CENTRE = 0.2;

	/** Boxes of two looks overlapping at least this much are one face. */
	private static final double SAME_FACE_IOU = 0.3;

	private static final int BLACK = 0;

	private static final int MID_GREY = 0x808080;

	/** Margins of the looks at a tight crop, as fractions of its longer side. */
	private static final double[] TIGHT_CROP_MARGINS = { 0.5, 1.5 };

	/**
	 * The image at (margin, margin) on a square of the given colour; with no margin,
	 * padded with black at the bottom/right as face-api does.
	 */
	private List<Box> detectOnSquare(Pixels image, int margin, int colour) {
		int side = Math.max(image.width(), image.height()) + 2 * margin;
		int[] square = new int[side * side];
		Arrays.fill(square, colour);
		for (int y = 0; y < image.height(); y++) {
			System.arraycopy(image.rgb(), y * image.width(), square, (margin + y) * side + margin, image.width());
		}
		Tensor output = this.network.run(TfBilinear.resizeToNchw(square, side, side, this.settings.inputSize()));
		return nonMaxSuppression(decode(output, side));
	}

	/**
	 * Raw N × 25 × cells × cells output → boxes in pixels of a square of the given side.
	 */
	List<Box> decode(Tensor output, double side) {
		int cells = (int) output.shape()[2];
		int plane = cells * cells;
		float[] t = output.data();
		double[][] anchors = this.settings.anchors();
		List<Box> boxes = new ArrayList<>();
		for (int row = 0; row < cells; row++) {
			for (int col = 0; col < cells; col++) {
				for (int anchor = 0; anchor < anchors.length; anchor++) {
					int base = anchor * 5 * plane + row * cells + col;
					double score = sigmoid(t[base + 4 * plane]);
					if (score <= this.settings.scoreThreshold()) {
						continue;
					}
					double centerX = (col + sigmoid(t[base])) / cells;
					double centerY = (row + sigmoid(t[base + plane])) / cells;
					double width = Math.exp(t[base + 2 * plane]) * anchors[anchor][0] / cells;
					double height = Math.exp(t[base + 3 * plane]) * anchors[anchor][1] / cells;
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
			if (kept.stream().allMatch((box) -> box.iou(candidate) <= this.settings.nmsThreshold())) {
				kept.add(candidate);
			}
		}
		return kept;
	}

	private static double sigmoid(double x) {
		return 1 / (1 + Math.exp(-x));
	}

}
