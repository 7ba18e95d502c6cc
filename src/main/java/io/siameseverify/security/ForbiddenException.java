package io.siameseverify.security;

/**
 * A valid key without the scope this endpoint needs: 403.
 */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException() {
		super("the API key has no scope for this request (verify: embeddings, verify, identify; "
				+ "enroll: subjects and references; admin: everything, gallery export and import)");
	}

}
