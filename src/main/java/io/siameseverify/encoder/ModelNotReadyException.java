package io.siameseverify.encoder;

/**
 * A request named a configured model whose networks are still loading or warming up.
 */
public class ModelNotReadyException extends RuntimeException {

	ModelNotReadyException(String model) {
		super("model '" + model + "' is still loading");
	}

}
