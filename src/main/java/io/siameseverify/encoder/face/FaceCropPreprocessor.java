package io.siameseverify.encoder.face;

import io.siameseverify.encoder.image.PillowBilinear;
import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.image.RgbTensors;
import io.siameseverify.encoder.runtime.Tensor;

/**
 * A face that is already cropped: centred black padding to a square, Pillow-exact
 * bilinear resize to the encoder's input, RGB 0..255 as NCHW float32 (the face encoder
 * normalises itself).
 */
final class FaceCropPreprocessor {

	private final int size;

	FaceCropPreprocessor(int size) {
		this.size = size;
	}

	Tensor prepare(Pixels image) {
		int side = Math.max(image.width(), image.height());
		int[] square = new int[side * side];
		int left = (side - image.width()) / 2;
		int top = (side - image.height()) / 2;
		for (int y = 0; y < image.height(); y++) {
			System.arraycopy(image.rgb(), y * image.width(), square, (top + y) * side + left, image.width());
		}
		int[] resized = PillowBilinear.resize(square, side, side, this.size, this.size);
		return RgbTensors.toNchw(resized, this.size, this.size);
	}

}
