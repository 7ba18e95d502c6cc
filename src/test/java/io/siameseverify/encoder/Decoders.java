package io.siameseverify.encoder;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/** The service's default image limits, for tests that decode images directly. */
final class Decoders {

	static final ImageLimits LIMITS = new ImageLimits(DataSize.ofMegabytes(10), 40_000_000, DataSize.ofMegabytes(160));

	private Decoders() {
	}

	static ImageDecoder decoder() {
		return new ImageDecoder(LIMITS, new DecodeMemory(DataSize.ofMegabytes(640), Duration.ofSeconds(5)));
	}

	static ImageDecoder decoder(DataSize maxDecodedBytes) {
		return new ImageDecoder(new ImageLimits(LIMITS.maxBytes(), LIMITS.maxPixels(), maxDecodedBytes),
				new DecodeMemory(DataSize.ofMegabytes(640), Duration.ofSeconds(5)));
	}

	/** Decodes and gives the decode memory back at once. */
	static Pixels pixels(ImageDecoder decoder, byte[] bytes) {
		try (DecodedImage decoded = decoder.decode(bytes)) {
			return decoded.pixels();
		}
	}

}
