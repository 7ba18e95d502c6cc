package io.siameseverify.gallery;

/**
 * Enrolling would pass a configured limit (references per subject, subjects per model);
 * nothing was enrolled.
 */
public class GalleryLimitException extends RuntimeException {

	public GalleryLimitException(String message) {
		super(message);
	}

}
