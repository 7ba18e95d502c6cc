package io.siameseverify.encoder.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phones store photos as the sensor saw them and say in EXIF how to turn them: the
 * decoder must hand on the image as a person sees it, or faces arrive on their side.
 */
class ImageDecoderTests {

	private final ImageDecoder decoder = Decoders.decoder();

	/**
	 * A 40 × 20 JPEG, white with a red 10 × 10 block in its stored top-left corner, and
	 * where an upright viewer sees that block for each EXIF orientation.
	 */
	@ParameterizedTest(name = "orientation {0}")
	@CsvSource({ "1, 40, 20, 5, 5", "3, 40, 20, 35, 15", "6, 20, 40, 15, 5", "8, 20, 40, 5, 35" })
	void exifOrientationShouldBeApplied(int orientation, int width, int height, int redX, int redY) throws IOException {
		Pixels pixels = Decoders.pixels(this.decoder, withOrientation(jpegWithRedCorner(), orientation));
		assertThat(pixels.width()).isEqualTo(width);
		assertThat(pixels.height()).isEqualTo(height);
		assertThat(isRed(pixels, redX, redY)).as("red at (%d, %d)", redX, redY).isTrue();
		assertThat(isRed(pixels, width - 1 - redX, height - 1 - redY)).as("opposite corner white").isFalse();
	}

	private static boolean isRed(Pixels pixels, int x, int y) {
		int rgb = pixels.rgb()[y * pixels.width() + x];
		return ((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) < 60 && (rgb & 0xff) < 60;
	}

	private static byte[] jpegWithRedCorner() throws IOException {
		BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, 40, 20);
		g.setColor(Color.RED);
		g.fillRect(0, 0, 10, 10);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

	/**
	 * The JPEG with an APP1 EXIF segment right after its start marker: a big-endian TIFF
	 * header and one IFD entry, Orientation (0x0112), SHORT.
	 */
	private static byte[] withOrientation(byte[] jpeg, int orientation) {
		ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
		tiff.put(new byte[] { 'M', 'M', 0, 42 }).putInt(8);
		tiff.putShort((short) 1);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putInt(0);
		byte[] exif = ByteBuffer.allocate(6 + tiff.capacity())
			.put(new byte[] { 'E', 'x', 'i', 'f', 0, 0 })
			.put(tiff.array())
			.array();
		ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
		out.put(jpeg, 0, 2);
		out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + exif.length)).put(exif);
		out.put(jpeg, 2, jpeg.length - 2);
		return out.array();
	}

}
