package io.siameseverify.security;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API keys ({@code siamese.auth.*}).
 *
 * @param enabled false opens every endpoint to anyone (said at WARN on every start)
 * @param keys the keys, by their SHA-256 in hex; none: a key is generated at start
 * @param rateLimit requests each key may make
 */
@Validated
@ConfigurationProperties("siamese.auth")
public record AuthProperties(@DefaultValue("true") boolean enabled, @DefaultValue List<@Valid Key> keys,
		@DefaultValue @Valid RateLimit rateLimit) {

	/**
	 * One key.
	 *
	 * @param id a name for the key (in the audit log and metrics; never the key itself)
	 * @param sha256 the SHA-256 of the key, 64 hex digits
	 * ({@code printf %s KEY | sha256sum})
	 * @param scopes what it may do
	 */
	public record Key(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String id,
			@NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256, @NotEmpty Set<Scope> scopes) {
	}

	/**
	 * A token bucket per key.
	 *
	 * @param requestsPerSecond sustained rate
	 * @param burst requests a key may make at once before the rate applies
	 */
	public record RateLimit(@DefaultValue("50") @Min(1) int requestsPerSecond, @DefaultValue("100") @Min(1) int burst) {
	}

}
