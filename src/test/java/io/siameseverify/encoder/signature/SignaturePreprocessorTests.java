package io.siameseverify.encoder.signature;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.Golden;
import io.siameseverify.encoder.card.ModelCard;
import io.siameseverify.encoder.card.ModelCardReader;
import io.siameseverify.encoder.image.AreaResampling;
import io.siameseverify.encoder.image.Decoders;
import io.siameseverify.encoder.image.ImageDecoder;
import io.siameseverify.encoder.image.ImageRejectedException;
import io.siameseverify.encoder.image.Pixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignaturePreprocessorTests {

	private final ImageDecoder decoder = Decoders.decoder();

	/** The canvas size the shipped card states, as the service builds it. */
	private static final ModelCard.Input INPUT = ModelCardReader.read(Golden.SIGNATURE).input();

	private final SignaturePreprocessor preprocessor = new SignaturePreprocessor(INPUT.height(), INPUT.width());

	@ParameterizedTest
	@ValueSource(strings = { "thick-pen", "thin-stylus", "other-writer" })
	void canvasWhenGoldenImageShouldEqualPythonsCanvasExactly(String name) throws IOException {
		float[] canvas = this.preprocessor
			.canvas(Decoders.pixels(this.decoder, Golden.bytes(Golden.SIGNATURE, name + ".png")));
		BufferedImage expected = ImageIO
			.read(new ByteArrayInputStream(Golden.bytes(Golden.SIGNATURE, name + "-canvas.png")));
		int differing = 0;
		assertThat(expected.getWidth()).isEqualTo(INPUT.width());
		assertThat(expected.getHeight()).isEqualTo(INPUT.height());
		for (int y = 0; y < INPUT.height(); y++) {
			for (int x = 0; x < INPUT.width(); x++) {
				float want = (expected.getRaster().getSample(x, y, 0) > 127) ? 1f : 0f;
				differing += (canvas[y * INPUT.width() + x] != want) ? 1 : 0;
			}
		}
		assertThat(differing).isZero();
	}

	@Test
	void otsuWhenTwoLevelsShouldSplitThem() {
		int[] grey = new int[40];
		for (int i = 0; i < 40; i++) {
			grey[i] = (i < 10) ? 20 : 200;
		}
		assertThat(SignaturePreprocessor.otsu(grey)).isBetween(20, 199);
	}

	@Test
	void prepareWhenImageIsBlankShouldRejectItAsNoInk() {
		Pixels blank = new Pixels(10, 10, filled(100, 0xF0F0F0));
		assertThatThrownBy(() -> this.preprocessor.prepare(blank, EncodeOptions.DEFAULTS)).isInstanceOfSatisfying(
				ImageRejectedException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(ImageRejectedException.Kind.NO_INK));
	}

	@Test
	void areaWeightsWhenHalvingShouldAverageBlocks() {
		double[] image = new double[16];
		for (int i = 0; i < 16; i++) {
			image[i] = i;
		}
		assertThat(AreaResampling.resize(image, 4, 4, 2, 2)).containsExactly(2.5, 4.5, 10.5, 12.5);
	}

	@Test
	void thinWhenBarIsThreeWideShouldLeaveOnePixelLine() {
		int h = 9;
		int w = 20;
		boolean[] bar = new boolean[h * w];
		for (int y = 3; y < 6; y++) {
			for (int x = 2; x < 18; x++) {
				bar[y * w + x] = true;
			}
		}
		boolean[] skeleton = Strokes.thin(bar, h, w);
		for (int x = 4; x < 16; x++) {
			int column = 0;
			for (int y = 0; y < h; y++) {
				column += skeleton[y * w + x] ? 1 : 0;
			}
			assertThat(column).as("column %d", x).isEqualTo(1);
		}
	}

	private static int[] filled(int n, int rgb) {
		int[] pixels = new int[n];
		java.util.Arrays.fill(pixels, rgb);
		return pixels;
	}

}
