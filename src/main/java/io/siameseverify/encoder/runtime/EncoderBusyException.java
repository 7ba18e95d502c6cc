package io.siameseverify.encoder.runtime;

import java.time.Duration;

/**
 * Every inference worker stayed busy for the allowed wait, or the workers are stopping: a
 * 503 the caller may retry.
 */
public class EncoderBusyException extends RuntimeException {

	public EncoderBusyException(Duration waited) {
		super("every inference worker busy for " + waited.toMillis() + " ms");
	}

	/**
	 * The workers are shut down: the service is stopping, another replica will answer.
	 */
	public EncoderBusyException() {
		super("the inference workers are shut down: the service is stopping");
	}

}
