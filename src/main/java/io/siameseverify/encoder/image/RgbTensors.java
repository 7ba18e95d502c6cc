package io.siameseverify.encoder.image;

import io.siameseverify.encoder.runtime.Tensor;

/**
 * Packed RGB pixels → 1 × 3 × H × W float32 in 0..255, channel planes R, G, B.
 */
public final class RgbTensors {

	private RgbTensors() {
	}

	public static Tensor toNchw(int[] rgb, int w, int h) {
		int plane = w * h;
		float[] data = new float[3 * plane];
		for (int i = 0; i < plane; i++) {
			data[i] = (rgb[i] >> 16) & 0xFF;
			data[plane + i] = (rgb[i] >> 8) & 0xFF;
			data[2 * plane + i] = rgb[i] & 0xFF;
		}
		return new Tensor(data, new long[] { 1, 3, h, w });
	}

}
