package io.siameseverify.encoder.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What PNG and JPEG decode to is read a row of bytes at a time; the values must be the
 * ones the colour model gives, whatever order the raster keeps its bands in.
 */
class PixelsTests {

	@ParameterizedTest(name = "image type {0}")
	@ValueSource(ints = { BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY })
	void plainByteImagesShouldReadAsTheirColourModelReadsThem(int type) {
		BufferedImage image = noise(type, 4);
		assertThat(Pixels.isPlainBytes(image)).isTrue();
		assertThat(Pixels.of(image).rgb()).isEqualTo(Pixels.throughColourModel(image).rgb());
	}

	/** PNG RGB, RGBA, grey and grey + alpha decode to rasters of no predefined type. */
	@ParameterizedTest(name = "PNG of {0} bands")
	@ValueSource(ints = { 1, 2, 3, 4 })
	void decodedPngsShouldReadAsTheirColourModelReadsThem(int bands) throws IOException {
		BufferedImage written = noise(switch (bands) {
			case 1 -> BufferedImage.TYPE_BYTE_GRAY;
			case 3 -> BufferedImage.TYPE_3BYTE_BGR;
			default -> BufferedImage.TYPE_4BYTE_ABGR;
		}, bands);
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png(greyAlpha(written, bands))));
		assertThat(decoded.getRaster().getNumBands()).isEqualTo(bands);
		assertThat(Pixels.isPlainBytes(decoded)).isTrue();
		assertThat(Pixels.of(decoded).rgb()).isEqualTo(Pixels.throughColourModel(decoded).rgb());
	}

	@ParameterizedTest(name = "image type {0}")
	@ValueSource(ints = { BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_4BYTE_ABGR_PRE, BufferedImage.TYPE_USHORT_GRAY,
			BufferedImage.TYPE_BYTE_INDEXED })
	void otherImagesShouldGoThroughTheColourModel(int type) {
		assertThat(Pixels.isPlainBytes(new BufferedImage(2, 2, type))).isFalse();
	}

	/** Every sample random, alpha too, so that a band read from the wrong place shows. */
	private static BufferedImage noise(int type, int seed) {
		BufferedImage image = new BufferedImage(37, 23, type);
		WritableRaster raster = image.getRaster();
		Random random = new Random(seed);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				for (int band = 0; band < raster.getNumBands(); band++) {
					raster.setSample(x, y, band, random.nextInt(256));
				}
			}
		}
		return image;
	}

	/** A two-band grey + alpha image from the first and last bands of a four-band one. */
	private static BufferedImage greyAlpha(BufferedImage image, int bands) {
		if (bands != 2) {
			return image;
		}
		ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
				Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
		WritableRaster raster = model.createCompatibleWritableRaster(image.getWidth(), image.getHeight());
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				raster.setSample(x, y, 0, image.getRaster().getSample(x, y, 1));
				raster.setSample(x, y, 1, image.getRaster().getSample(x, y, 3));
			}
		}
		return new BufferedImage(model, raster, false, null);
	}

	private static byte[] png(BufferedImage image) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, "png", out)).isTrue();
		return out.toByteArray();
	}

}
