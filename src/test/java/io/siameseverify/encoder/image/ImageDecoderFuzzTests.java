package io.siameseverify.encoder.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import io.siameseverify.Mutations;
import io.siameseverify.SyntheticPng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Mutation fuzzing of the image decoder: thousands of broken PNG, JPEG, GIF, BMP and TIFF
 * files, each either decoded or refused with an {@link ImageRejectedException}; never
 * another exception, an error, or a hang. Bounded in time ({@code -Dfuzz.seconds}, 15 by
 * default) and in inputs ({@code -Dfuzz.inputs}, 50 000), and seeded
 * ({@code -Dfuzz.seed}); a failing input is written to {@code target/fuzz-failures/} with
 * the seed that reproduces it.
 */
class ImageDecoderFuzzTests {

	private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

	private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 15));

	private static final long MAX_INPUTS = Long.getLong("fuzz.inputs", 50_000);

	private final ImageDecoder decoder = Decoders.decoder();

	@Test
	@Timeout(300)
	void everyBrokenImageIsDecodedOrRefusedNothingElse() throws IOException {
		Mutations mutations = new Mutations(SEED, seeds());
		Instant deadline = Instant.now().plus(BUDGET);
		int inputs = 0;
		int refused = 0;
		while (inputs < MAX_INPUTS && Instant.now().isBefore(deadline)) {
			byte[] input = mutations.next();
			inputs++;
			try (DecodedImage decoded = this.decoder.decode(input)) {
				assertThat(decoded.pixels().rgb()).hasSize(decoded.pixels().width() * decoded.pixels().height());
			}
			catch (ImageRejectedException expected) {
				refused++;
			}
			catch (Throwable unexpected) {
				Path saved = save(input, inputs);
				fail("input %d of seed %d (-Dfuzz.seed=%d), saved as %s, threw %s".formatted(inputs, SEED, SEED, saved,
						unexpected), unexpected);
			}
		}
		assertThat(inputs).as("inputs tried (seed %d)", SEED).isGreaterThan(100);
		assertThat(refused).as("refused of %d (seed %d)", inputs, SEED).isPositive();
	}

	private static List<byte[]> seeds() throws IOException {
		BufferedImage colour = drawing(BufferedImage.TYPE_INT_RGB);
		BufferedImage grey = drawing(BufferedImage.TYPE_BYTE_GRAY);
		List<byte[]> seeds = new ArrayList<>();
		for (String format : List.of("png", "jpeg", "gif", "bmp", "tiff")) {
			seeds.add(encode(colour, format));
			seeds.add(encode(grey, format));
		}
		seeds.add(encode(drawing(BufferedImage.TYPE_INT_ARGB), "png"));
		seeds.add(SyntheticPng.filled(64, 48, 16, SyntheticPng.RGBA, 200));
		seeds.add(SyntheticPng.filled(64, 48, 16, SyntheticPng.GREY, 9));
		seeds.add(SyntheticPng.headerOnly(6000, 6000, 16, SyntheticPng.RGBA));
		seeds.add(Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png")));
		return seeds;
	}

	private static BufferedImage drawing(int type) {
		BufferedImage image = new BufferedImage(64, 48, type);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, 64, 48);
		g.setColor(new Color(30, 60, 200));
		g.drawOval(8, 6, 40, 30);
		g.drawLine(0, 47, 63, 0);
		g.dispose();
		return image;
	}

	private static byte[] encode(BufferedImage image, String format) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, format, out)).as(format).isTrue();
		return out.toByteArray();
	}

	private static Path save(byte[] input, int index) throws IOException {
		Path folder = Files.createDirectories(Path.of("target", "fuzz-failures"));
		return Files.write(folder.resolve("decoder-" + SEED + "-" + index + ".bin"), input);
	}

}
