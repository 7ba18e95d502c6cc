package io.siameseverify.encoder.face;

import java.awt.image.BufferedImage;
import java.io.IOException;

import javax.imageio.ImageIO;

import io.siameseverify.encoder.Golden;
import io.siameseverify.encoder.image.Decoders;
import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.runtime.Tensor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dlib chip against models/face/alignment.py, an implementation of dlib's documented
 * method in numpy: the same landmarks on the same photo give the same 150 × 150 chip, to
 * the golden PNG's rounding.
 */
class FaceAlignmentTests {

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

}
