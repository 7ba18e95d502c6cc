package io.siameseverify.encoder;

/**
 * A batch request carries more images than {@code siamese.encoder.max-batch-images}.
 */
public class TooManyImagesException extends RuntimeException {

	public TooManyImagesException(int images, int limit) {
		super("%d images in one request; at most %d (siamese.encoder.max-batch-images): split the batch"
			.formatted(images, limit));
	}

}
