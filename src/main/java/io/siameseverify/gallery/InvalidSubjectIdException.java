package io.siameseverify.gallery;

/**
 * A subject id outside 1–128 characters of {@code [A-Za-z0-9._@-]}. The message does not
 * repeat the id: it may be anything the caller sent.
 */
public class InvalidSubjectIdException extends RuntimeException {

	public InvalidSubjectIdException() {
		super("a subject id is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', '@' and '-', and not '.' or '..'");
	}

}
