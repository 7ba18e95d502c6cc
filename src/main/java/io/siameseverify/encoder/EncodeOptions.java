package io.siameseverify.encoder;

/**
 * Per-request choices. {@code detect = false} takes a face image as an already-cropped
 * face; {@code null} uses the model's configured default.
 */
public record EncodeOptions(Boolean detect) {

	public static final EncodeOptions DEFAULTS = new EncodeOptions(null);

	public boolean detectOr(boolean configured) {
		return (this.detect != null) ? this.detect : configured;
	}

}
