package io.siameseverify.encoder;

import java.util.List;

import io.siameseverify.encoder.runtime.Tensor;

/**
 * An embedding and, for face models with detection, every face found in the image (the
 * encoded one marked); {@code null} faces when the model does not detect or detection was
 * off. {@code input} is the tensor the encoder saw, kept for a request that asks to see
 * it ({@link EncodedInput}).
 */
public record Encoding(Embedding embedding, List<Face> faces, Tensor input) {

	/** How many faces detection found, or {@code null} without detection. */
	public Integer facesFound() {
		return (this.faces != null) ? this.faces.size() : null;
	}

}
