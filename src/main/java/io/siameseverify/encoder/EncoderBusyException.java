package io.siameseverify.encoder;

import java.time.Duration;

/**
 * Every predictor of a model stayed busy for the allowed wait: the service is overloaded.
 */
public class EncoderBusyException extends RuntimeException {

	public EncoderBusyException(Duration waited) {
		super("all predictors busy for " + waited.toMillis() + " ms");
	}

}
