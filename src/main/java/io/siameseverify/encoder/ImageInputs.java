package io.siameseverify.encoder;

import java.util.List;
import java.util.Map;

/**
 * The images of one request by part or field name ({@code image}, {@code image1}, …),
 * however they arrived (multipart parts or base64 JSON fields).
 */
public record ImageInputs(Map<String, List<byte[]>> byName) {

	/** Exactly one image of that name. */
	public byte[] one(String name) {
		List<byte[]> images = this.byName.getOrDefault(name, List.of());
		if (images.size() != 1) {
			throw new MissingImageException(
					"expected exactly one image named '%s', found %d".formatted(name, images.size()));
		}
		return images.get(0);
	}

	/** One or more images of that name. */
	public List<byte[]> all(String name) {
		List<byte[]> images = this.byName.getOrDefault(name, List.of());
		if (images.isEmpty()) {
			throw new MissingImageException("expected one or more images named '%s', found none".formatted(name));
		}
		return images;
	}

}
