package io.siameseverify.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per key (Bucket4j): {@code burst} requests at once, refilled at
 * {@code requestsPerSecond}. The buckets are keyed by key id, of which there are only as
 * many as are configured.
 */
final class RateLimits {

	private final AuthProperties.RateLimit limit;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimits(AuthProperties.RateLimit limit) {
		this.limit = limit;
	}

	/** Takes one request from the key's bucket, or says how long to wait. */
	void consume(ApiKey key) {
		ConsumptionProbe probe = this.buckets.computeIfAbsent(key.id(), (id) -> bucket())
			.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			// whole seconds, rounded up: Retry-After has no fractions
			throw new RateLimitedException(
					Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
		}
	}

	private Bucket bucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.limit.burst())
				.refillGreedy(this.limit.requestsPerSecond(), Duration.ofSeconds(1))
				.build())
			.build();
	}

}
