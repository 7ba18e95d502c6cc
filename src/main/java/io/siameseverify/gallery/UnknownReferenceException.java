package io.siameseverify.gallery;

/**
 * The subject has no reference of that id.
 */
public class UnknownReferenceException extends RuntimeException {

	public UnknownReferenceException() {
		super("the subject has no reference of that id");
	}

}
