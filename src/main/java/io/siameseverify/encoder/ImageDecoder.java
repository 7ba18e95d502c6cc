package io.siameseverify.encoder;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;

/**
 * Image bytes → {@link Pixels}, within {@link ImageLimits}, with the EXIF orientation
 * applied (a phone photo taken sideways is turned upright, as a viewer shows it).
 */
final class ImageDecoder {

	private final ImageLimits limits;

	ImageDecoder(ImageLimits limits) {
		this.limits = limits;
	}

	Pixels decode(byte[] bytes) {
		if (bytes.length == 0) {
			throw new ImageRejectedException(ImageRejectedException.Kind.INVALID, "the image is empty");
		}
		if (bytes.length > this.limits.maxBytes().toBytes()) {
			throw new ImageRejectedException(ImageRejectedException.Kind.TOO_LARGE,
					"the image has %d bytes, the limit is %d".formatted(bytes.length,
							this.limits.maxBytes().toBytes()));
		}
		BufferedImage image = read(bytes);
		return Pixels.of(image).oriented(orientation(bytes));
	}

	private BufferedImage read(byte[] bytes) {
		try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
			if (!readers.hasNext()) {
				throw new ImageRejectedException(looksLikeAnImage(bytes) ? ImageRejectedException.Kind.UNSUPPORTED
						: ImageRejectedException.Kind.INVALID, "not a PNG, JPEG, GIF or BMP image");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(stream, true, true);
				long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
				if (pixels > this.limits.maxPixels()) {
					throw new ImageRejectedException(ImageRejectedException.Kind.TOO_LARGE,
							"the image is %d × %d pixels, the limit is %d pixels".formatted(reader.getWidth(0),
									reader.getHeight(0), this.limits.maxPixels()));
				}
				return reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof ImageRejectedException rejected) {
				throw rejected;
			}
			throw new ImageRejectedException(ImageRejectedException.Kind.INVALID, "the image cannot be decoded");
		}
	}

	/** WebP, HEIC, TIFF and AVIF signatures: images, just not ones this JVM decodes. */
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
