package io.siameseverify.encoder.card;

/**
 * A model that must not be served: its card is malformed or disagrees with its files.
 * Thrown at start-up, so the service stops with a message naming the expected and actual
 * values.
 */
public class InvalidModelException extends RuntimeException {

	public InvalidModelException(String message) {
		super(message);
	}

	public InvalidModelException(String message, Throwable cause) {
		super(message, cause);
	}

}
