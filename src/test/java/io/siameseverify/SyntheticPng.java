package io.siameseverify;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * PNG files written byte by byte, of any size, bit depth and colour type: the image bombs
 * of the hardening tests (a 6000 × 6000 16-bit RGBA image of one colour compresses to a
 * few hundred KB and decodes to 288 MB).
 */
public final class SyntheticPng {

	/** PNG colour types. */
	public static final int GREY = 0;

	public static final int RGB = 2;

	public static final int RGBA = 6;

	private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private SyntheticPng() {
	}

	/** A whole image, every sample {@code value} (rows filtered with filter 0). */
	public static byte[] filled(int width, int height, int bitDepth, int colourType, int value) {
		ByteArrayOutputStream idat = new ByteArrayOutputStream();
		try (OutputStream deflate = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
			byte[] row = new byte[1 + rowBytes(width, bitDepth, colourType)];
			java.util.Arrays.fill(row, 1, row.length, (byte) value);
			for (int y = 0; y < height; y++) {
				deflate.write(row);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return png(width, height, bitDepth, colourType, idat.toByteArray());
	}

	/**
	 * The header of such an image and no pixel data: only a reader of headers accepts it.
	 */
	public static byte[] headerOnly(int width, int height, int bitDepth, int colourType) {
		return png(width, height, bitDepth, colourType, new byte[0]);
	}

	private static int rowBytes(int width, int bitDepth, int colourType) {
		int channels = switch (colourType) {
			case GREY -> 1;
			case RGB -> 3;
			case RGBA -> 4;
			default -> throw new IllegalArgumentException("colour type " + colourType);
		};
		return (int) (((long) width * channels * bitDepth + 7) / 8);
	}

	private static byte[] png(int width, int height, int bitDepth, int colourType, byte[] idat) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (DataOutputStream data = new DataOutputStream(out)) {
			data.write(SIGNATURE);
			ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
			DataOutputStream header = new DataOutputStream(ihdr);
			header.writeInt(width);
			header.writeInt(height);
			header.writeByte(bitDepth);
			header.writeByte(colourType);
			header.writeByte(0);
			header.writeByte(0);
			header.writeByte(0);
			chunk(data, "IHDR", ihdr.toByteArray());
			if (idat.length > 0) {
				chunk(data, "IDAT", idat);
				chunk(data, "IEND", new byte[0]);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		out.writeInt(body.length);
		out.write(name);
		out.write(body);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(body);
		out.writeInt((int) crc.getValue());
	}

}
