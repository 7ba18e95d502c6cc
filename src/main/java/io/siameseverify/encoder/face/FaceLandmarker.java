package io.siameseverify.encoder.face;

import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.runtime.TorchScriptNetwork;

/**
 * face-api's 68-point landmark net: the detected box cropped (clamped to the image),
 * padded with black on both sides to a square as face-api's {@code padToSquare} does,
 * resized to the input size; the relative outputs are mapped back to pixels of the image.
 */
public final class FaceLandmarker {

	private final TorchScriptNetwork network;

	private final int inputSize;

	public FaceLandmarker(TorchScriptNetwork network, int inputSize) {
		this.network = network;
		this.inputSize = inputSize;
	}

	/** 68 points as x0, y0, x1, y1, … in pixels of the image. */
	double[] locate(Pixels image, Box face) {
		int left = clamp((int) Math.floor(face.x()), image.width() - 1);
		int top = clamp((int) Math.floor(face.y()), image.height() - 1);
		int right = clamp((int) Math.ceil(face.x() + face.width()), image.width());
		int bottom = clamp((int) Math.ceil(face.y() + face.height()), image.height());
		int w = Math.max(1, right - left);
		int h = Math.max(1, bottom - top);
		int side = Math.max(w, h);
		// face-api appends round(diff / 2) and prepends the rest: the crop sits at diff -
		// round(diff / 2)
		int offsetX = (side - w) - (int) Math.round((side - w) / 2.0);
		int offsetY = (side - h) - (int) Math.round((side - h) / 2.0);
		int[] square = new int[side * side];
		for (int y = 0; y < h; y++) {
			System.arraycopy(image.rgb(), (top + y) * image.width() + left, square, (offsetY + y) * side + offsetX, w);
		}
		float[] relative = this.network.run(TfBilinear.resizeToNchw(square, side, side, this.inputSize)).data();
		double[] points = new double[relative.length];
		for (int i = 0; i < relative.length; i += 2) {
			points[i] = left + relative[i] * side - offsetX;
			points[i + 1] = top + relative[i + 1] * side - offsetY;
		}
		return points;
	}

	private static int clamp(int value, int max) {
		return Math.max(0, Math.min(value, max));
	}

}
