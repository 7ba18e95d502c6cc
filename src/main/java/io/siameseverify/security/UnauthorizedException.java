package io.siameseverify.security;

/**
 * No API key, or one that is not configured: 401, with {@code WWW-Authenticate}.
 */
public class UnauthorizedException extends RuntimeException {

	public UnauthorizedException(String message) {
		super(message);
	}

}
