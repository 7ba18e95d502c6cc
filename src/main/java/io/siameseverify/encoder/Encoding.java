package io.siameseverify.encoder;

import java.util.List;

/**
 * An embedding and, for face models with detection, every face found in the image (the
 * largest was encoded); {@code null} faces when the model does not detect or detection
 * was off.
 */
public record Encoding(Embedding embedding, List<Face> faces) {

	/** How many faces detection found, or {@code null} without detection. */
	public Integer facesFound() {
		return (this.faces != null) ? this.faces.size() : null;
	}

}
