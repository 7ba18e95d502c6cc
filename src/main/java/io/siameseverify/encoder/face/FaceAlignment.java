package io.siameseverify.encoder.face;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.runtime.Tensor;

/**
 * How a face found by landmarks becomes the encoder's square chip.
 *
 * <p>
 * {@link #DLIB_CHIP}: a similarity transform (rotation, scale, shift; least squares) from
 * dlib's mean-face template onto the landmarks, with dlib's 25 % padding, sampled
 * bilinearly: the chips dlib's encoder was trained on. {@link #DLIB_CHIP_5}: the same
 * from the five points dlib's 5-point shape predictor gives (eye corners and the base of
 * the nose), taken from the 68. {@link #LANDMARK_BOX}: face-api's crop, the landmarks'
 * bounding box grown by 20 %, made square, not rotated.
 */
public enum FaceAlignment {

	DLIB_CHIP, DLIB_CHIP_5, LANDMARK_BOX;

	/**
	 * dlib's {@code get_face_chip_details} for its 5-point shapes: the outer and inner
	 * corner of the eye on the image's right, the same of the other eye, the base of the
	 * nose; x, y in 0..1. The 68-point indices of the same points: 45, 42, 36, 39, 33.
	 */
	private static final double[][] FIVE_POINT_TEMPLATE = { { 0.8595674595992, 0.2134981538014 },
			{ 0.6460604764104, 0.2289674387677 }, { 0.1205750620789, 0.2137274526848 },
			{ 0.3340850613712, 0.2290642403242 }, { 0.4901123135679, 0.6277975316475 } };

	private static final int[] FIVE_POINT_INDICES = { 45, 42, 36, 39, 33 };

	/**
	 * dlib's {@code get_face_chip_details}: mean face points 17–67, x then y, in 0..1.
	 */
	private static final double[] TEMPLATE_X = { 0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483,
			0.799124, 0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036, 0.490127, 0.554217,
			0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918, 0.182743, 0.645647, 0.714428, 0.793132,
			0.858516, 0.79751, 0.719335, 0.254149, 0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159,
			0.556721, 0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874, 0.553364,
			0.490127, 0.42689 };

	private static final double[] TEMPLATE_Y = { 0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906,
			0.0344891, 0.0187482, 0.038915, 0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326, 0.609345,
			0.628106, 0.609345, 0.587326, 0.216423, 0.178758, 0.179852, 0.231733, 0.245099, 0.244077, 0.231733,
			0.179852, 0.178758, 0.216423, 0.244077, 0.245099, 0.780233, 0.745405, 0.727388, 0.742578, 0.727388,
			0.745405, 0.780233, 0.864805, 0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343,
			0.778746, 0.784792, 0.824182, 0.831803, 0.824182 };

	/**
	 * The 68 points dlib's chip uses: 27..54 and 60..64 (no eyebrows 17..26, no lower lip
	 * 55..59 and 65..67), and their mean-face positions.
	 */
	private static final int[] DLIB_INDICES = IntStream.range(27, 65).filter((i) -> i < 55 || i > 59).toArray();

	private static final double[][] DLIB_TEMPLATE = Arrays.stream(DLIB_INDICES)
		.mapToObj((i) -> new double[] { TEMPLATE_X[i - 17], TEMPLATE_Y[i - 17] })
		.toArray(double[][]::new);

	private static final double DLIB_PADDING = 0.25;

	private static final double BOX_GROWTH = 0.2;

	private static final int MAX_SUPERSAMPLING = 8;

	public static FaceAlignment of(String id) {
		return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
	}

	/** The aligned chip, 1 × 3 × size × size RGB 0..255. */
	Tensor chip(Pixels image, double[] landmarks, int size) {
		return switch (this) {
			case DLIB_CHIP -> dlibChip(image, landmarks, size);
			case DLIB_CHIP_5 -> dlibChip5(image, landmarks, size);
			case LANDMARK_BOX -> landmarkBox(image, landmarks, size);
		};
	}

	private static Tensor dlibChip(Pixels image, double[] landmarks, int size) {
		return dlibChip(image, landmarks, size, DLIB_INDICES, DLIB_TEMPLATE);
	}

	/**
	 * The chip dlib builds from a 5-point shape (the shape its ResNet descriptor's
	 * examples align with), the five points taken from the 68.
	 */
	private static Tensor dlibChip5(Pixels image, double[] landmarks, int size) {
		return dlibChip(image, landmarks, size, FIVE_POINT_INDICES, FIVE_POINT_TEMPLATE);
	}

	/**
	 * The chip from the landmarks at the given indices, fitted (least squares) onto their
	 * template positions (x, y in 0..1) with dlib's padding.
	 */
	private static Tensor dlibChip(Pixels image, double[] landmarks, int size, int[] indices, double[][] template) {
		int n = indices.length;
		double[] chipX = new double[n];
		double[] chipY = new double[n];
		double[] imageX = new double[n];
		double[] imageY = new double[n];
		for (int k = 0; k < n; k++) {
			chipX[k] = (DLIB_PADDING + template[k][0]) / (2 * DLIB_PADDING + 1) * size;
			chipY[k] = (DLIB_PADDING + template[k][1]) / (2 * DLIB_PADDING + 1) * size;
			imageX[k] = landmarks[2 * indices[k]];
			imageY[k] = landmarks[2 * indices[k] + 1];
		}
		return warp(image, Similarity.fit(chipX, chipY, imageX, imageY, n), size);
	}

	/**
	 * The chip through a similarity transform from chip to image coordinates. Where the
	 * face is at least twice the chip's size, each chip pixel is the mean of k × k
	 * bilinear samples over its footprint (k the whole number of image pixels per chip
	 * pixel, at most {@value #MAX_SUPERSAMPLING}), as dlib shrinks such faces before it
	 * samples: one sample per chip pixel would skip most of a large face's pixels and
	 * keep their noise (aliasing). Smaller faces are sampled once, as before.
	 */
	private static Tensor warp(Pixels image, double[] t, int size) {
		int k = Math.min(MAX_SUPERSAMPLING, (int) Math.floor(Math.hypot(t[0], t[1])));
		if (k < 2) {
			k = 1;
		}
		int plane = size * size;
		float[] data = new float[3 * plane];
		double[] rgb = new double[3];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				Arrays.fill(rgb, 0);
				for (int j = 0; j < k; j++) {
					for (int i = 0; i < k; i++) {
						// sub-sample centres across the pixel; (x, y) itself when k = 1
						double u = x + (i + 0.5) / k - 0.5;
						double v = y + (j + 0.5) / k - 0.5;
						addSample(image, t[0] * u - t[1] * v + t[2], t[1] * u + t[0] * v + t[3], rgb);
					}
				}
				int index = y * size + x;
				for (int c = 0; c < 3; c++) {
					data[c * plane + index] = (float) (rgb[c] / (k * k));
				}
			}
		}
		return new Tensor(data, new long[] { 1, 3, size, size });
	}

	/** Adds the bilinear sample at (sx, sy) to rgb; outside the image is black. */
	private static void addSample(Pixels image, double sx, double sy, double[] rgb) {
		int x0 = (int) Math.floor(sx);
		int y0 = (int) Math.floor(sy);
		double fx = sx - x0;
		double fy = sy - y0;
		for (int c = 0; c < 3; c++) {
			int shift = 16 - 8 * c;
			double top = at(image, x0, y0, shift) * (1 - fx) + at(image, x0 + 1, y0, shift) * fx;
			double bottom = at(image, x0, y0 + 1, shift) * (1 - fx) + at(image, x0 + 1, y0 + 1, shift) * fx;
			rgb[c] += top * (1 - fy) + bottom * fy;
		}
	}

	/** The bilinear sample at (sx, sy) into the chip's pixel at index. */
	private static void sample(Pixels image, double sx, double sy, float[] data, int index, int plane) {
		double[] rgb = new double[3];
		addSample(image, sx, sy, rgb);
		for (int c = 0; c < 3; c++) {
			data[c * plane + index] = (float) rgb[c];
		}
	}

	private static int at(Pixels image, int x, int y, int shift) {
		if (x < 0 || y < 0 || x >= image.width() || y >= image.height()) {
			return 0;
		}
		return (image.rgb()[y * image.width() + x] >> shift) & 0xFF;
	}

	private static Tensor landmarkBox(Pixels image, double[] landmarks, int size) {
		double minX = Double.MAX_VALUE;
		double minY = Double.MAX_VALUE;
		double maxX = -Double.MAX_VALUE;
		double maxY = -Double.MAX_VALUE;
		for (int i = 0; i < landmarks.length; i += 2) {
			minX = Math.min(minX, landmarks[i]);
			maxX = Math.max(maxX, landmarks[i]);
			minY = Math.min(minY, landmarks[i + 1]);
			maxY = Math.max(maxY, landmarks[i + 1]);
		}
		double side = Math.max(maxX - minX, maxY - minY) * (1 + BOX_GROWTH);
		double left = (minX + maxX - side) / 2;
		double top = (minY + maxY - side) / 2;
		int plane = size * size;
		float[] data = new float[3 * plane];
		double step = side / size;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				sample(image, left + (x + 0.5) * step - 0.5, top + (y + 0.5) * step - 0.5, data, y * size + x, plane);
			}
		}
		return new Tensor(data, new long[] { 1, 3, size, size });
	}

}
