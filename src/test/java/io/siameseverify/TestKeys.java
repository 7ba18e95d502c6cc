package io.siameseverify;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * The API keys the tests send: configured by their hashes in
 * {@code src/test/resources/config/application.yaml}, and passed to the packaged jar as
 * arguments.
 */
public final class TestKeys {

	/** Every scope. */
	public static final String ADMIN = "test-admin-key";

	/** verify: embeddings, verify, identify. */
	public static final String VERIFY = "test-verify-key";

	/** enroll: subjects and references. */
	public static final String ENROLL = "test-enroll-key";

	public static final String HEADER = "X-API-Key";

	private TestKeys() {
	}

	/** A request builder that carries the admin key. */
	public static HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri).header(HEADER, ADMIN);
	}

	/**
	 * The same keys as arguments of the packaged jar, which has no test configuration.
	 */
	public static List<String> serviceArguments() {
		return List.of("--siamese.auth.keys[0].id=test-admin",
				"--siamese.auth.keys[0].sha256=944650a7cd0f9e14d5c4fb15edbffb7fa45fb9ed36a4fa9be3d7e5476ae51bd9",
				"--siamese.auth.keys[0].scopes=admin");
	}

}
