package io.siameseverify.encoder.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import io.siameseverify.SyntheticPng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Images made to hurt the service, or broken on the way: each is refused with the reason
 * a caller can act on, before it costs memory.
 */
class HostileImageTests {

	private final ImageDecoder decoder = Decoders.decoder();

	@Test
	void aSixteenBitBombUnderThePixelLimitIsRefusedFromItsHeader() {
		// 36 Mpx, under the 40 Mpx limit, but 288 MB decoded: only the header is there,
		// so a refusal for size proves that nothing was decoded
		byte[] bomb = SyntheticPng.headerOnly(6000, 6000, 16, SyntheticPng.RGBA);
		assertThatThrownBy(() -> this.decoder.decode(bomb)).isInstanceOfSatisfying(ImageRejectedException.class,
				(ex) -> {
					assertThat(ex.kind()).isEqualTo(ImageRejectedException.Kind.TOO_LARGE);
					assertThat(ex.getMessage()).contains("288000000 bytes (64 bits a pixel)");
				});
	}

	@Test
	void decodedBytesCountChannelsAndBitDepth() {
		ImageDecoder decoder = Decoders.decoder(DataSize.ofMegabytes(30));
		// 3000 × 2000 pixels each time: 6, 24 and 48 MB decoded
		assertThat(Decoders.pixels(decoder, SyntheticPng.filled(3000, 2000, 8, SyntheticPng.GREY, 40)).width())
			.isEqualTo(3000);
		assertThat(Decoders.pixels(decoder, SyntheticPng.filled(3000, 2000, 8, SyntheticPng.RGBA, 40)).height())
			.isEqualTo(2000);
		assertThatThrownBy(() -> decoder.decode(SyntheticPng.filled(3000, 2000, 16, SyntheticPng.RGBA, 40)))
			.isInstanceOfSatisfying(ImageRejectedException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ImageRejectedException.Kind.TOO_LARGE));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "jpeg", "png", "gif", "bmp" })
	void aTruncatedImageIsRefusedNotCompleted(String format) throws IOException {
		byte[] whole = noise(format);
		assertThat(Decoders.pixels(this.decoder, whole).width()).isEqualTo(120);
		byte[] half = Arrays.copyOf(whole, whole.length / 2);
		assertThatThrownBy(() -> this.decoder.decode(half)).isInstanceOfSatisfying(ImageRejectedException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(ImageRejectedException.Kind.INVALID));
	}

	@Test
	void tiffIsRefusedAsUnsupportedAlthoughTheJdkReadsIt() throws IOException {
		byte[] tiff = encode(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "tiff");
		assertThat(ImageIO.read(new java.io.ByteArrayInputStream(tiff))).as("the JDK decodes it").isNotNull();
		assertThatThrownBy(() -> this.decoder.decode(tiff)).isInstanceOfSatisfying(ImageRejectedException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(ImageRejectedException.Kind.UNSUPPORTED));
	}

	@Test
	void imageIoKeepsNothingOnDisk() {
		// the decoder turns ImageIO's file cache off as soon as it is loaded
		assertThat(this.decoder).isNotNull();
		assertThat(ImageIO.getUseCache()).isFalse();
	}

	/** 120 × 90 pixels of noise: every row different, so a cut loses real data. */
	private static byte[] noise(String format) throws IOException {
		BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(format.hashCode());
		for (int y = 0; y < 90; y++) {
			for (int x = 0; x < 120; x++) {
				image.setRGB(x, y, random.nextInt(1 << 24));
			}
		}
		return encode(image, format);
	}

	private static byte[] encode(BufferedImage image, String format) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, format, out)).as("a %s writer", format).isTrue();
		return out.toByteArray();
	}

}
