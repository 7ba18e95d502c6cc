package io.siameseverify.encoder.image;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/** The service's default image limits, for tests that decode images directly. */
public final class Decoders {

	public static final ImageLimits LIMITS = new ImageLimits(DataSize.ofMegabytes(10), 40_000_000,
			DataSize.ofMegabytes(160));

	private Decoders() {
	}

	public static ImageDecoder decoder() {
		return new ImageDecoder(LIMITS, new DecodeMemory(DataSize.ofMegabytes(640), Duration.ofSeconds(5)));
	}

	public static ImageDecoder decoder(DataSize maxDecodedBytes) {
		return new ImageDecoder(new ImageLimits(LIMITS.maxBytes(), LIMITS.maxPixels(), maxDecodedBytes),
				new DecodeMemory(DataSize.ofMegabytes(640), Duration.ofSeconds(5)));
	}

	/** Decodes and gives the decode memory back at once. */
	public static Pixels pixels(ImageDecoder decoder, byte[] bytes) {
		try (DecodedImage decoded = decoder.decode(bytes)) {
			return decoded.pixels();
		}
	}

}
