package io.siameseverify.encoder.image;

/**
 * Area ("box") resampling: each output pixel is the overlap-weighted mean of the source
 * pixels it covers, done separably as {@code Wy · image · Wxᵀ} like the Python pipeline's
 * matrix form.
 */
public final class AreaResampling {

	private AreaResampling() {
	}

	/** target × source weights: output i covers [i, i + 1) · source / target. */
	static double[][] weights(int source, int target) {
		double scale = (double) source / target;
		double[][] w = new double[target][source];
		for (int i = 0; i < target; i++) {
			double start = i * scale;
			double end = start + scale;
			for (int j = (int) Math.floor(start); j < Math.min(source, (int) Math.ceil(end)); j++) {
				double overlap = Math.min(end, j + 1) - Math.max(start, j);
				if (overlap > 0) {
					w[i][j] = overlap / scale;
				}
			}
		}
		return w;
	}

	public static double[] resize(double[] image, int h, int w, int newH, int newW) {
		double[][] wy = weights(h, newH);
		double[][] wx = weights(w, newW);
		// rows first: (newH × h) · (h × w), then columns: · (w × newW)
		double[] rows = new double[newH * w];
		for (int i = 0; i < newH; i++) {
			for (int k = 0; k < h; k++) {
				double weight = wy[i][k];
				if (weight != 0) {
					for (int x = 0; x < w; x++) {
						rows[i * w + x] += weight * image[k * w + x];
					}
				}
			}
		}
		double[] out = new double[newH * newW];
		for (int i = 0; i < newH; i++) {
			for (int j = 0; j < newW; j++) {
				double sum = 0;
				for (int x = 0; x < w; x++) {
					sum += rows[i * w + x] * wx[j][x];
				}
				out[i * newW + j] = sum;
			}
		}
		return out;
	}

}
