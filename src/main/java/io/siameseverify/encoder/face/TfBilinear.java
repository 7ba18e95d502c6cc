package io.siameseverify.encoder.face;

import io.siameseverify.encoder.runtime.Tensor;

/**
 * TensorFlow's {@code resizeBilinear} (align corners off, half-pixel centres off), which
 * face-api applies before its detector and landmark net: source = destination × in / out,
 * no antialias, float output.
 */
final class TfBilinear {

	private TfBilinear() {
	}

	/** Packed RGB in → 1 × 3 × size × size float32 RGB 0..255. */
	static Tensor resizeToNchw(int[] rgb, int w, int h, int size) {
		int plane = size * size;
		float[] data = new float[3 * plane];
		double scaleY = (double) h / size;
		double scaleX = (double) w / size;
		for (int y = 0; y < size; y++) {
			double sy = y * scaleY;
			int y0 = (int) Math.floor(sy);
			int y1 = Math.min(y0 + 1, h - 1);
			double fy = sy - y0;
			for (int x = 0; x < size; x++) {
				double sx = x * scaleX;
				int x0 = (int) Math.floor(sx);
				int x1 = Math.min(x0 + 1, w - 1);
				double fx = sx - x0;
				int p00 = rgb[y0 * w + x0];
				int p01 = rgb[y0 * w + x1];
				int p10 = rgb[y1 * w + x0];
				int p11 = rgb[y1 * w + x1];
				for (int c = 0; c < 3; c++) {
					int shift = 16 - 8 * c;
					double top = channel(p00, shift) + (channel(p01, shift) - channel(p00, shift)) * fx;
					double bottom = channel(p10, shift) + (channel(p11, shift) - channel(p10, shift)) * fx;
					data[c * plane + y * size + x] = (float) (top + (bottom - top) * fy);
				}
			}
		}
		return new Tensor(data, new long[] { 1, 3, size, size });
	}

	private static int channel(int rgb, int shift) {
		return (rgb >> shift) & 0xFF;
	}

}
