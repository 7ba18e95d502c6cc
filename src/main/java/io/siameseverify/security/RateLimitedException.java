package io.siameseverify.security;

/**
 * The key made more requests than its rate allows: 429, with {@code Retry-After}.
 */
public class RateLimitedException extends RuntimeException {

	private final long retryAfterSeconds;

	RateLimitedException(long retryAfterSeconds) {
		super("this API key made more requests than its rate limit allows; retry after %d s"
			.formatted(retryAfterSeconds));
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/** Whole seconds until a request would be allowed (at least 1). */
	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
