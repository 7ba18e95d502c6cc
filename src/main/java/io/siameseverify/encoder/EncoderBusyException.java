package io.siameseverify.encoder;

import java.time.Duration;

/**
 * Every inference worker stayed busy for the allowed wait: the service is overloaded.
 */
public class EncoderBusyException extends RuntimeException {

	public EncoderBusyException(Duration waited) {
		super("every inference worker busy for " + waited.toMillis() + " ms");
	}

}
