package io.siameseverify.encoder.signature;

import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.Preprocessor;
import io.siameseverify.encoder.image.AreaResampling;
import io.siameseverify.encoder.image.ImageRejectedException;
import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.runtime.Tensor;

/**
 * The card's "signature" pipeline, step for step as
 * {@code models/training/siamese_training/preprocess.py}: grey (ITU-R 601 integer luma),
 * Otsu's threshold, crop to the ink, area-resample the ink mask into a centred H × W
 * canvas, binarise at 5 % coverage, thin to a skeleton (Zhang–Suen), dilate 3 × 3.
 * Output: 1 × 1 × H × W float32, 1 on strokes. Identical arithmetic, so canvases match
 * Python's bit for bit (the golden test checks it).
 */
public final class SignaturePreprocessor implements Preprocessor {

	static final int MIN_CONTRAST = 16;

	static final double COVERAGE = 0.05;

	private final int height;

	private final int width;

	public SignaturePreprocessor(int height, int width) {
		this.height = height;
		this.width = width;
	}

	@Override
	public Prepared prepare(Pixels image, EncodeOptions options) {
		return Prepared.of(new Tensor(canvas(image), new long[] { 1, 1, this.height, this.width }));
	}

	float[] canvas(Pixels image) {
		int[] grey = grey(image);
		boolean[] ink = inkMask(grey);
		int[] box = inkBox(ink, image.width(), image.height());
		int boxW = box[2] - box[0] + 1;
		int boxH = box[3] - box[1] + 1;
		double[] crop = new double[boxW * boxH];
		for (int y = 0; y < boxH; y++) {
			for (int x = 0; x < boxW; x++) {
				crop[y * boxW + x] = ink[(box[1] + y) * image.width() + box[0] + x] ? 1.0 : 0.0;
			}
		}
		double[] coverage = fitToCanvas(crop, boxH, boxW, this.height, this.width);
		boolean[] strokes = new boolean[coverage.length];
		for (int i = 0; i < coverage.length; i++) {
			strokes[i] = coverage[i] > COVERAGE;
		}
		boolean[] normalised = Strokes.dilate(Strokes.thin(strokes, this.height, this.width), this.height, this.width);
		float[] out = new float[normalised.length];
		for (int i = 0; i < out.length; i++) {
			out[i] = normalised[i] ? 1f : 0f;
		}
		return out;
	}

	static int[] grey(Pixels image) {
		int[] grey = new int[image.width() * image.height()];
		for (int i = 0; i < grey.length; i++) {
			int rgb = image.rgb()[i];
			grey[i] = (19595 * ((rgb >> 16) & 0xFF) + 38470 * ((rgb >> 8) & 0xFF) + 7471 * (rgb & 0xFF) + 32768) >> 16;
		}
		return grey;
	}

	static boolean[] inkMask(int[] grey) {
		int min = 255;
		int max = 0;
		for (int v : grey) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		if (max - min < MIN_CONTRAST) {
			throw new ImageRejectedException(ImageRejectedException.Kind.NO_INK,
					"no ink found: the image is blank or too flat (contrast %d grey levels, at least %d needed)"
						.formatted(max - min, MIN_CONTRAST));
		}
		int threshold = otsu(grey);
		boolean[] ink = new boolean[grey.length];
		for (int i = 0; i < grey.length; i++) {
			ink[i] = grey[i] <= threshold;
		}
		return ink;
	}

	/**
	 * The level t maximising between-class variance of {≤ t} and {&gt; t}; the lowest on
	 * ties.
	 */
	static int otsu(int[] grey) {
		double[] histogram = new double[256];
		for (int v : grey) {
			histogram[v]++;
		}
		double total = grey.length;
		double sumAll = 0;
		for (int level = 0; level < 256; level++) {
			sumAll += histogram[level] * level;
		}
		double weightLow = 0;
		double sumLow = 0;
		double best = -1;
		int bestLevel = 0;
		for (int level = 0; level < 256; level++) {
			weightLow += histogram[level];
			sumLow += histogram[level] * level;
			double weightHigh = total - weightLow;
			double meanLow = (weightLow > 0) ? sumLow / weightLow : 0;
			double meanHigh = (weightHigh > 0) ? (sumAll - sumLow) / weightHigh : 0;
			double diff = meanLow - meanHigh;
			double between = weightLow * weightHigh * (diff * diff); // numpy order: (wl ·
																		// wh) · d²
			if (between > best) {
				best = between;
				bestLevel = level;
			}
		}
		return bestLevel;
	}

	/** {minX, minY, maxX, maxY} of the ink. */
	static int[] inkBox(boolean[] ink, int w, int h) {
		int minX = w;
		int minY = h;
		int maxX = -1;
		int maxY = -1;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				if (ink[y * w + x]) {
					minX = Math.min(minX, x);
					maxX = Math.max(maxX, x);
					minY = Math.min(minY, y);
					maxY = Math.max(maxY, y);
				}
			}
		}
		return new int[] { minX, minY, maxX, maxY };
	}

	/**
	 * Scale to fit keeping the aspect ratio (Python's round: half to even), centre on
	 * zeros.
	 */
	static double[] fitToCanvas(double[] image, int h, int w, int height, int width) {
		double scale = Math.min((double) height / h, (double) width / w);
		int newH = Math.min(height, Math.max(1, (int) Math.rint(h * scale)));
		int newW = Math.min(width, Math.max(1, (int) Math.rint(w * scale)));
		double[] resized = AreaResampling.resize(image, h, w, newH, newW);
		double[] canvas = new double[height * width];
		int top = (height - newH) / 2;
		int left = (width - newW) / 2;
		for (int y = 0; y < newH; y++) {
			System.arraycopy(resized, y * newW, canvas, (top + y) * width + left, newW);
		}
		return canvas;
	}

}
