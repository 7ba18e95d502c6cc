package io.siameseverify.encoder;

/**
 * A request lacks an image it needs, or has the wrong number of them.
 */
public class MissingImageException extends RuntimeException {

	public MissingImageException(String message) {
		super(message);
	}

}
