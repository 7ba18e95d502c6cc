package io.siameseverify.encoder.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;

import javax.imageio.ImageIO;

import io.siameseverify.encoder.Golden;
import io.siameseverify.encoder.image.Decoders;
import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.runtime.Tensor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dlib chip against models/face/alignment.py, an implementation of dlib's documented
 * method in numpy: the same landmarks on the same photo give the same 150 × 150 chip, to
 * the golden PNG's rounding.
 */
class FaceAlignmentTests {

	/** dlib's 5-point template (x, y in 0..1) and the 68-point indices of its points. */
	private static final double[][] FIVE_POINT_TEMPLATE = { { 0.8595674595992, 0.2134981538014 },
			{ 0.6460604764104, 0.2289674387677 }, { 0.1205750620789, 0.2137274526848 },
			{ 0.3340850613712, 0.2290642403242 }, { 0.4901123135679, 0.6277975316475 } };

	private static final int[] FIVE_POINT_INDICES = { 45, 42, 36, 39, 33 };

	@Test
	void dlibChipWhenGoldenLandmarksShouldReproduceThePythonChip() throws IOException {
		JsonNode golden = Golden.json(Golden.FACE, "alignment.json");
		int size = golden.get("size").asInt();
		double[] landmarks = new double[136];
		for (int i = 0; i < 68; i++) {
			landmarks[2 * i] = golden.get("landmarks").get(i).get(0).asDouble();
			landmarks[2 * i + 1] = golden.get("landmarks").get(i).get(1).asDouble();
		}
		Pixels photo = Decoders.pixels(Decoders.decoder(), Golden.bytes(Golden.FACE, golden.get("image").asString()));
		Tensor chip = FaceAlignment.DLIB_CHIP.chip(photo, landmarks, size);
		BufferedImage expected = ImageIO.read(Golden.FACE.resolve("golden/alignment-chip.png").toFile());
		assertThat(chip.shape()).containsExactly(1, 3, size, size);
		assertThat(expected.getWidth()).isEqualTo(size);
		int plane = size * size;
		double worst = 0;
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				int rgb = expected.getRGB(x, y);
				for (int c = 0; c < 3; c++) {
					double want = (rgb >> (16 - 8 * c)) & 0xFF;
					worst = Math.max(worst, Math.abs(chip.data()[c * plane + y * size + x] - want));
				}
			}
		}
		// the PNG holds the oracle's values rounded to integers
		assertThat(worst).isLessThanOrEqualTo(0.5 + 1e-3);
	}

	/**
	 * dlib's 5-point chip: the five points (68-point indices 45, 42, 36, 39, 33) placed
	 * where a known similarity puts dlib's 5-point template, on an image whose red and
	 * green levels are its x and y: the chip, sampled where the template's points fall,
	 * reads back the landmarks' coordinates.
	 */
	@Test
	void dlibChip5ShouldMapTheFivePointTemplateOntoTheirLandmarks() {
		Pixels image = square(250, (x, y) -> (x << 16) | (y << 8));
		int size = 150;
		double angle = Math.toRadians(8);
		double scale = 0.9;
		double[] landmarks = fivePointLandmarks(size, scale, angle, 40, 30);
		Tensor chip = FaceAlignment.DLIB_CHIP_5.chip(image, landmarks, size);
		int plane = size * size;
		for (int k = 0; k < 5; k++) {
			// the chip's pixel nearest the template point; one pixel is at most 0.9 image
			// px
			int x = (int) Math.round(chipPoint(k, size)[0]);
			int y = (int) Math.round(chipPoint(k, size)[1]);
			double expectedX = scale * (Math.cos(angle) * x - Math.sin(angle) * y) + 40;
			double expectedY = scale * (Math.sin(angle) * x + Math.cos(angle) * y) + 30;
			assertThat(chip.data()[y * size + x]).as("red (x) at point %d", k)
				.isCloseTo((float) expectedX, within(1e-3f));
			assertThat(chip.data()[plane + y * size + x]).as("green (y) at point %d", k)
				.isCloseTo((float) expectedY, within(1e-3f));
		}
	}

	/**
	 * A face four times the chip's size, on a one-pixel black and white checkerboard (the
	 * finest detail an image holds): each chip pixel averages its footprint, so the chip
	 * is an even grey; one bilinear sample per chip pixel would land on black, white or
	 * between, depending on where it falls.
	 */
	@Test
	void dlibChipWhenTheFaceIsLargeShouldAverageEachPixelsFootprint() {
		Pixels checkerboard = square(700, (x, y) -> ((x + y) % 2 == 0) ? 0xFFFFFF : 0);
		int size = 150;
		// 4.3 image pixels per chip pixel, slightly rotated, inside the image
		double[] landmarks = fivePointLandmarks(size, 4.3, Math.toRadians(3), 20, 20);
		float[] chip = FaceAlignment.DLIB_CHIP_5.chip(checkerboard, landmarks, size).data();
		double mean = 0;
		for (float value : chip) {
			mean += value / chip.length;
		}
		double variance = 0;
		for (float value : chip) {
			variance += (value - mean) * (value - mean) / chip.length;
		}
		assertThat(mean).isCloseTo(127.5, within(3.0));
		// 4 × 4 samples over 4.3 × 4.3 pixels: a few levels of ripple, not 0 to 255
		assertThat(Math.sqrt(variance)).isLessThan(12.0);
	}

	/** A side × side image whose pixel (x, y) is colourAt(x, y), 0xRRGGBB. */
	private static Pixels square(int side, IntBinaryOperator colourAt) {
		int[] rgb = new int[side * side];
		for (int y = 0; y < side; y++) {
			for (int x = 0; x < side; x++) {
				rgb[y * side + x] = colourAt.applyAsInt(x, y);
			}
		}
		return new Pixels(side, side, rgb);
	}

	/** Template point k of dlib's 5-point chip, in pixels of a chip of the given size. */
	private static double[] chipPoint(int k, int size) {
		return new double[] { (0.25 + FIVE_POINT_TEMPLATE[k][0]) / 1.5 * size,
				(0.25 + FIVE_POINT_TEMPLATE[k][1]) / 1.5 * size };
	}

	/**
	 * 68 landmarks whose five dlib points are the chip's template points moved by a
	 * similarity (scale, rotation, shift); the other 63 lie far outside any image.
	 */
	private static double[] fivePointLandmarks(int size, double scale, double angle, double dx, double dy) {
		double[] landmarks = new double[136];
		Arrays.fill(landmarks, -1000);
		for (int k = 0; k < 5; k++) {
			double[] point = chipPoint(k, size);
			landmarks[2 * FIVE_POINT_INDICES[k]] = scale * (Math.cos(angle) * point[0] - Math.sin(angle) * point[1])
					+ dx;
			landmarks[2 * FIVE_POINT_INDICES[k] + 1] = scale * (Math.sin(angle) * point[0] + Math.cos(angle) * point[1])
					+ dy;
		}
		return landmarks;
	}

}
