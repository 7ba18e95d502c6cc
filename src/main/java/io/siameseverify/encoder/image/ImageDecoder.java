package io.siameseverify.encoder.image;

import java.awt.image.BufferedImage;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import io.siameseverify.encoder.runtime.EncoderBusyException;

/**
 * Image bytes → {@link Pixels}, within {@link ImageLimits} and the shared
 * {@link DecodeMemory}, with the EXIF orientation applied (a phone photo taken sideways
 * is turned upright, as a viewer shows it). PNG, JPEG, GIF and BMP only: TIFF, which the
 * JDK also reads, is refused like WebP and HEIC, so that what is accepted is what the
 * Python pipeline was checked against. A truncated or corrupt image is refused rather
 * than completed with filler rows: a gallery must never hold a damaged reference.
 */
public final class ImageDecoder {

	static {
		// ImageIO otherwise buffers every stream in a temporary file: image bytes on
		// disk,
		// left behind by a killed process and closed under a running decode at shutdown
		ImageIO.setUseCache(false);
	}

	private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp");

	/**
	 * Memory a decode holds per pixel besides the decoded raster: the packed pixels and
	 * one more buffer of that size (an oriented copy, or preprocessing's first resize).
	 */
	static final int WORKING_BYTES_PER_PIXEL = 8;

	private final ImageLimits limits;

	private final DecodeMemory memory;

	public ImageDecoder(ImageLimits limits, DecodeMemory memory) {
		this.limits = limits;
		this.memory = memory;
	}

	/** The pixels, holding their share of the decode memory until closed. */
	public DecodedImage decode(byte[] bytes) {
		if (bytes.length == 0) {
			throw new ImageRejectedException(ImageRejectedException.Kind.INVALID, "the image is empty");
		}
		if (bytes.length > this.limits.maxBytes().toBytes()) {
			throw new ImageRejectedException(ImageRejectedException.Kind.TOO_LARGE,
					"the image has %d bytes, the limit is %d".formatted(bytes.length,
							this.limits.maxBytes().toBytes()));
		}
		try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			ImageReader reader = reader(stream, bytes);
			try {
				reader.setInput(stream, true, true);
				// a reader warns, and fills in, where data is missing or corrupt (a JPEG
				// cut in half gets grey rows); flagged here, refused after the read,
				// since
				// the JPEG reader calls this from native code
				AtomicBoolean damaged = new AtomicBoolean();
				reader.addIIOReadWarningListener((source, warning) -> damaged.set(true));

				long pixels = pixels(reader);
				DecodeMemory.Reservation reservation = this.memory
					.reserve(rasterBytes(reader, pixels) + pixels * WORKING_BYTES_PER_PIXEL);
				try {
					BufferedImage image = reader.read(0);
					if (damaged.get()) {
						throw new ImageRejectedException(ImageRejectedException.Kind.INVALID,
								"the image is truncated or corrupt");
					}
					return new DecodedImage(Pixels.of(image).oriented(orientation(bytes)), reservation);
				}
				catch (IOException | RuntimeException ex) {
					reservation.close();
					throw ex;
				}
			}
			finally {
				reader.dispose();
			}
		}
		catch (ImageRejectedException | EncoderBusyException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new ImageRejectedException(ImageRejectedException.Kind.INVALID, "the image cannot be decoded");
		}
	}

	private static ImageReader reader(ImageInputStream stream, byte[] bytes) {
		Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
		while (readers.hasNext()) {
			ImageReader reader = readers.next();
			if (FORMATS.contains(format(reader))) {
				return reader;
			}
			reader.dispose();
		}
		throw new ImageRejectedException(
				looksLikeAnImage(bytes) ? ImageRejectedException.Kind.UNSUPPORTED : ImageRejectedException.Kind.INVALID,
				"not a PNG, JPEG, GIF or BMP image");
	}

	private static String format(ImageReader reader) {
		try {
			return reader.getFormatName().toLowerCase(Locale.ROOT);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** Width × height from the header, before a pixel is decoded. */
	private long pixels(ImageReader reader) throws IOException {
		long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
		if (pixels > this.limits.maxPixels()) {
			throw new ImageRejectedException(ImageRejectedException.Kind.TOO_LARGE,
					"the image is %d × %d pixels, the limit is %d pixels".formatted(reader.getWidth(0),
							reader.getHeight(0), this.limits.maxPixels()));
		}
		return pixels;
	}

	/**
	 * The decoded raster's size: pixels × channels × bit depth, as the reader will lay it
	 * out (a 16-bit RGBA PNG takes 8 bytes a pixel, four times an 8-bit grey one).
	 */
	private long rasterBytes(ImageReader reader, long pixels) throws IOException {
		Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
		if (!types.hasNext()) {
			throw new ImageRejectedException(ImageRejectedException.Kind.INVALID, "the image cannot be decoded");
		}
		SampleModel sample = types.next().getSampleModel(1, 1);
		long bitsPerPixel = 0;
		for (int size : sample.getSampleSize()) {
			bitsPerPixel += size;
		}
		long bytes = pixels * ((bitsPerPixel + 7) / 8);
		if (bytes > this.limits.maxDecodedBytes().toBytes()) {
			throw new ImageRejectedException(ImageRejectedException.Kind.TOO_LARGE,
					"the image decodes to %d bytes (%d bits a pixel), the limit is %d".formatted(bytes, bitsPerPixel,
							this.limits.maxDecodedBytes().toBytes()));
		}
		return bytes;
	}

	/**
	 * WebP, HEIC, TIFF and AVIF signatures: images, just not ones this service decodes.
	 */
	private static boolean looksLikeAnImage(byte[] b) {
		boolean riff = b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W';
		boolean isoMedia = b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p';
		boolean tiff = b.length >= 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42) || (b[0] == 'M' && b[1] == 'M'));
		return riff || isoMedia || tiff;
	}

	private static int orientation(byte[] bytes) {
		try {
			Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
			ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
			if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
				return exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
			}
		}
		catch (ImageProcessingException | IOException | MetadataException | RuntimeException ex) {
			// No readable EXIF: the image is taken as stored.
		}
		return 1;
	}

}
