package io.siameseverify.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured keys, by hash. A presented key is hashed and compared with every
 * configured hash in constant time ({@link MessageDigest#isEqual}), all of them every
 * time, so the time taken says nothing about which hash came closest. With none
 * configured, a key with every scope is generated for this run and printed once in the
 * log, the way Elasticsearch and Jupyter do: the service is never open by default.
 */
final class ApiKeys {

	private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

	/** The prefix of generated keys, so that a leaked one is easy to recognise. */
	static final String GENERATED_PREFIX = "sv_";

	private final List<Stored> keys;

	private record Stored(ApiKey key, byte[] sha256) {
	}

	private ApiKeys(List<Stored> keys) {
		this.keys = keys;
	}

	static ApiKeys of(List<AuthProperties.Key> configured) {
		if (configured.isEmpty()) {
			String generated = generate();
			log.warn("""
					no API key is configured (siamese.auth.keys): generated one for this run, with every scope; \
					send it as 'X-API-Key: <key>' or 'Authorization: Bearer <key>'. It is printed once, on the next \
					line, and forgotten when the service stops; configure keys of your own for anything lasting""");
			log.warn("generated API key: {}", generated);
			return new ApiKeys(List.of(new Stored(new ApiKey("generated", Set.of(Scope.values())), sha256(generated))));
		}
		List<Stored> keys = new ArrayList<>();
		for (AuthProperties.Key key : configured) {
			keys.add(new Stored(new ApiKey(key.id(), Set.copyOf(key.scopes())), HexFormat.of().parseHex(key.sha256())));
		}
		return new ApiKeys(keys);
	}

	/** The key whose hash this presented key has, if any. */
	Optional<ApiKey> find(String presented) {
		byte[] hash = sha256(presented);
		ApiKey found = null;
		for (Stored stored : this.keys) {
			if (MessageDigest.isEqual(stored.sha256(), hash)) {
				found = stored.key();
			}
		}
		return Optional.ofNullable(found);
	}

	static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	private static String generate() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return GENERATED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
