package io.siameseverify.encoder;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import io.siameseverify.encoder.runtime.Tensor;

/**
 * What the encoder saw, as a picture a person can look at: the aligned face chip, the
 * resized crop, or the signature canvas, as a PNG data URL. Made only when a request asks
 * for it, from the input tensor before any normalisation (RGB 0–255, or grey 0–1).
 */
public final class EncodedInput {

	private EncodedInput() {
	}

	public static String pngDataUrl(Tensor input) {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			ImageIO.write(picture(input), "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("writing a PNG to memory", ex);
		}
		return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
	}

	/** The input as an RGB picture. */
	public static BufferedImage picture(Tensor input) {
		long[] shape = input.shape();
		int channels = (int) shape[1];
		int height = (int) shape[2];
		int width = (int) shape[3];
		int plane = height * width;
		float[] data = input.data();
		// grey canvases hold 0..1, colour chips 0..255
		float scale = (channels == 1) ? 255f : 1f;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int i = 0; i < plane; i++) {
			int r = level(data[i] * scale);
			int g = (channels == 3) ? level(data[plane + i]) : r;
			int b = (channels == 3) ? level(data[2 * plane + i]) : r;
			image.setRGB(i % width, i / width, (r << 16) | (g << 8) | b);
		}
		return image;
	}

	private static int level(float value) {
		return Math.clamp(Math.round(value), 0, 255);
	}

}
