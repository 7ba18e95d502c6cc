package io.siameseverify.encoder.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * A decoded image as packed 0xRRGGBB values, row-major, transparency composited onto
 * white paper: the one pixel form every preprocessing pipeline starts from.
 */
public record Pixels(int width, int height, int[] rgb) {

	public Pixels {
		if (width <= 0 || height <= 0 || rgb.length != width * height) {
			throw new IllegalArgumentException("bad pixel buffer " + width + " × " + height);
		}
	}

	/**
	 * Reads the stored samples. Grey images are read raw: {@code getRGB} would pass them
	 * through a linear-to-sRGB conversion and change every grey level.
	 */
	static Pixels of(BufferedImage image) {
		return isPlainBytes(image) ? ofPlainBytes(image) : throughColourModel(image);
	}

	/**
	 * Any image the JDK decodes, through its colour model (16-bit, palette,
	 * premultiplied).
	 */
	static Pixels throughColourModel(BufferedImage image) {
		int w = image.getWidth();
		int h = image.getHeight();
		int[] rgb = new int[w * h];
		ColorModel model = image.getColorModel();
		Raster raster = image.getRaster();
		boolean grey = model.getNumColorComponents() == 1 && model.getComponentSize(0) <= 16
				&& !(model instanceof java.awt.image.IndexColorModel);
		int[] row = new int[w];
		for (int y = 0; y < h; y++) {
			if (!grey) {
				// a row at a time: one colour-model dispatch per row, not per pixel
				image.getRGB(0, y, w, 1, row, 0, w);
			}
			for (int x = 0; x < w; x++) {
				int r;
				int g;
				int b;
				int alpha;
				if (grey) {
					int bits = model.getComponentSize(0);
					int v = raster.getSample(x, y, 0) >> (bits - 8);
					r = v;
					g = v;
					b = v;
					alpha = model.hasAlpha() ? raster.getSample(x, y, 1) >> (model.getComponentSize(1) - 8) : 255;
				}
				else {
					int argb = row[x];
					alpha = argb >>> 24;
					r = (argb >> 16) & 0xFF;
					g = (argb >> 8) & 0xFF;
					b = argb & 0xFF;
				}
				rgb[y * w + x] = (onWhite(r, alpha) << 16) | (onWhite(g, alpha) << 8) | onWhite(b, alpha);
			}
		}
		return new Pixels(w, h, rgb);
	}

	/**
	 * 8-bit sRGB or grey samples, alpha (if any) not premultiplied: what PNG and JPEG
	 * decode to. Their stored bytes are the values {@code getRGB} returns (no conversion
	 * applies), so they can be read a row at a time without a colour-model call per
	 * pixel, which costs more than the PNG decode itself.
	 */
	static boolean isPlainBytes(BufferedImage image) {
		if (!(image.getColorModel() instanceof ComponentColorModel model)
				|| model.getTransferType() != DataBuffer.TYPE_BYTE || model.isAlphaPremultiplied()) {
			return false;
		}
		ColorSpace space = model.getColorSpace();
		int colours = model.getNumColorComponents();
		boolean rgb = colours == 3 && space.isCS_sRGB();
		boolean grey = colours == 1 && space.getType() == ColorSpace.TYPE_GRAY;
		return (rgb || grey) && image.getRaster().getNumDataElements() == model.getNumComponents();
	}

	private static Pixels ofPlainBytes(BufferedImage image) {
		int w = image.getWidth();
		int h = image.getHeight();
		ColorModel model = image.getColorModel();
		int bands = model.getNumComponents();
		boolean grey = model.getNumColorComponents() == 1;
		boolean alpha = model.hasAlpha();
		Raster raster = image.getRaster();
		byte[] row = new byte[w * bands];
		int[] rgb = new int[w * h];
		for (int y = 0; y < h; y++) {
			// the samples of a row in band order (R, G, B[, A] or grey[, A]), whatever
			// order the raster stores them in
			raster.getDataElements(raster.getMinX(), raster.getMinY() + y, w, 1, row);
			for (int x = 0, i = 0; x < w; x++, i += bands) {
				int r = row[i] & 0xFF;
				int g = grey ? r : row[i + 1] & 0xFF;
				int b = grey ? r : row[i + 2] & 0xFF;
				int a = alpha ? row[i + bands - 1] & 0xFF : 255;
				rgb[y * w + x] = (onWhite(r, a) << 16) | (onWhite(g, a) << 8) | onWhite(b, a);
			}
		}
		return new Pixels(w, h, rgb);
	}

	/**
	 * (c·α + 255·(255 − α) + 127) div 255, the same integer compositing as the Python
	 * pipeline.
	 */
	static int onWhite(int channel, int alpha) {
		return (channel * alpha + 255 * (255 - alpha) + 127) / 255;
	}

	int red(int x, int y) {
		return (this.rgb[y * this.width + x] >> 16) & 0xFF;
	}

	int green(int x, int y) {
		return (this.rgb[y * this.width + x] >> 8) & 0xFF;
	}

	int blue(int x, int y) {
		return this.rgb[y * this.width + x] & 0xFF;
	}

	/** EXIF orientation 1–8 → the upright image (5–8 swap width and height). */
	Pixels oriented(int orientation) {
		if (orientation < 2 || orientation > 8) {
			return this;
		}
		int w = this.width;
		int h = this.height;
		boolean swaps = orientation >= 5;
		int outW = swaps ? h : w;
		int outH = swaps ? w : h;
		int[] out = new int[outW * outH];
		for (int y = 0; y < outH; y++) {
			for (int x = 0; x < outW; x++) {
				int sx;
				int sy;
				switch (orientation) {
					case 2 -> {
						sx = w - 1 - x;
						sy = y;
					}
					case 3 -> {
						sx = w - 1 - x;
						sy = h - 1 - y;
					}
					case 4 -> {
						sx = x;
						sy = h - 1 - y;
					}
					case 5 -> {
						sx = y;
						sy = x;
					}
					case 6 -> {
						sx = y;
						sy = h - 1 - x;
					}
					case 7 -> {
						sx = w - 1 - y;
						sy = h - 1 - x;
					}
					default -> {
						sx = w - 1 - y;
						sy = x;
					}
				}
				out[y * outW + x] = this.rgb[sy * w + sx];
			}
		}
		return new Pixels(outW, outH, out);
	}

	@Override
	public String toString() {
		return "Pixels[" + this.width + " × " + this.height + "]";
	}

}
