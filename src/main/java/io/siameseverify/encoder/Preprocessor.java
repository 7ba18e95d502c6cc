package io.siameseverify.encoder;

import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.runtime.Tensor;

/**
 * A model card's preprocessing pipeline: an upright image → the encoder's input tensor.
 */
public interface Preprocessor {

	Prepared prepare(Pixels image, EncodeOptions options);

	/**
	 * The input tensor, and for faces how many were found in the image (0 when not
	 * detected).
	 */
	record Prepared(Tensor tensor, int facesFound) {
	}

}
