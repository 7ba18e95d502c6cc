package io.siameseverify.encoder;

/**
 * A request parameter outside its allowed range (a threshold outside the metric's range,
 * a page size too large); the message names the parameter and the range.
 */
public class InvalidParameterException extends RuntimeException {

	public InvalidParameterException(String message) {
		super(message);
	}

}
