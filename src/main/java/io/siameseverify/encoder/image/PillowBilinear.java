package io.siameseverify.encoder.image;

/**
 * Bilinear resize exactly as Pillow does it for 8-bit images (the Python pipeline's
 * {@code Image.resize(..., BILINEAR)}): a triangle filter widened by the scale when
 * shrinking (so it antialiases), coefficients in 22-bit fixed point, a horizontal then a
 * vertical pass, each rounded to 0..255.
 */
public final class PillowBilinear {

	private static final int PRECISION_BITS = 32 - 8 - 2;

	private PillowBilinear() {
	}

	/** Packed 0xRRGGBB, row-major, in → out. */
	public static int[] resize(int[] rgb, int w, int h, int newW, int newH) {
		int[] horizontal = (newW == w) ? rgb : pass(rgb, w, h, newW, true);
		return (newH == h) ? horizontal : pass(horizontal, newW, h, newH, false);
	}

	private static int[] pass(int[] in, int w, int h, int size, boolean horizontal) {
		int inSize = horizontal ? w : h;
		Coefficients c = coefficients(inSize, size);
		int outW = horizontal ? size : w;
		int outH = horizontal ? h : size;
		int[] out = new int[outW * outH];
		for (int y = 0; y < outH; y++) {
			for (int x = 0; x < outW; x++) {
				int o = horizontal ? x : y;
				int[] k = c.weights[o];
				long r = 1L << (PRECISION_BITS - 1);
				long g = r;
				long b = r;
				for (int i = 0; i < k.length; i++) {
					int p = horizontal ? in[y * w + c.start[o] + i] : in[(c.start[o] + i) * w + x];
					r += (long) ((p >> 16) & 0xFF) * k[i];
					g += (long) ((p >> 8) & 0xFF) * k[i];
					b += (long) (p & 0xFF) * k[i];
				}
				out[y * outW + x] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
			}
		}
		return out;
	}

	private static int clip8(long value) {
		long v = value >> PRECISION_BITS;
		return (int) Math.max(0, Math.min(255, v));
	}

	private record Coefficients(int[] start, int[][] weights) {
	}

	private static Coefficients coefficients(int inSize, int outSize) {
		double scale = (double) inSize / outSize;
		double filterScale = Math.max(scale, 1.0);
		double support = filterScale; // the bilinear filter's support is 1
		int[] start = new int[outSize];
		int[][] weights = new int[outSize][];
		for (int xx = 0; xx < outSize; xx++) {
			double center = (xx + 0.5) * scale;
			int xmin = Math.max((int) (center - support + 0.5), 0);
			int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
			double[] k = new double[xmax];
			double sum = 0;
			for (int x = 0; x < xmax; x++) {
				double t = Math.abs((x + xmin - center + 0.5) / filterScale);
				k[x] = (t < 1) ? 1 - t : 0;
				sum += k[x];
			}
			int[] fixed = new int[xmax];
			for (int x = 0; x < xmax; x++) {
				double v = (sum != 0) ? k[x] / sum : k[x];
				fixed[x] = (int) ((v < 0) ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
			}
			start[xx] = xmin;
			weights[xx] = fixed;
		}
		return new Coefficients(start, weights);
	}

}
