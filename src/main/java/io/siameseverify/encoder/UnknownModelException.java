package io.siameseverify.encoder;

/**
 * A request named a model that is not configured.
 */
public class UnknownModelException extends RuntimeException {

	private final String model;

	public UnknownModelException(String model) {
		super("no model named '" + model + "'");
		this.model = model;
	}

	public String model() {
		return this.model;
	}

}
