package io.siameseverify.gallery;

/**
 * A reference offered for import that cannot be stored; the message says why, without
 * quoting the embedding.
 */
public class InvalidReferenceException extends RuntimeException {

	public InvalidReferenceException(String message) {
		super(message);
	}

}
