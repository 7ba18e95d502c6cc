package io.siameseverify.gallery;

/**
 * No subject of that id is enrolled for the model.
 */
public class UnknownSubjectException extends RuntimeException {

	public UnknownSubjectException() {
		super("no subject of that id is enrolled for this model");
	}

}
