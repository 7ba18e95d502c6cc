package io.siameseverify.encoder;

import java.util.List;

import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.runtime.Tensor;

/**
 * A model card's preprocessing pipeline: an upright image → the encoder's input tensor.
 */
public interface Preprocessor {

	Prepared prepare(Pixels image, EncodeOptions options);

	/**
	 * The input tensor, and the faces detection found in the image ({@code null} when the
	 * pipeline did not detect).
	 */
	record Prepared(Tensor tensor, List<Face> faces) {

		/** An input of a pipeline that does not detect. */
		public static Prepared of(Tensor tensor) {
			return new Prepared(tensor, null);
		}

	}

}
