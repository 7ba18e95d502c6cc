package io.siameseverify.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secure by default: with no key configured, the service does not open its biometric
 * endpoints; it generates a key for the run and prints it once, and that key (and only
 * it) is accepted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "siamese.auth.keys=")
@ExtendWith(OutputCaptureExtension.class)
class GeneratedKeyTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@Test
	void withoutConfiguredKeysAGeneratedKeyShouldBeThePrintedOnlyWayIn(CapturedOutput output) throws Exception {
		Matcher printed = Pattern.compile("generated API key: (" + ApiKeys.GENERATED_PREFIX + "[A-Za-z0-9_-]{43})")
			.matcher(output.getOut());
		assertThat(printed.find()).as("the key is printed").isTrue();
		assertThat(printed.find()).as("once").isFalse();
		printed.reset().find();
		String key = printed.group(1);
		assertThat(models(null)).isEqualTo(401);
		assertThat(models("test-admin-key")).as("the test configuration's keys are gone").isEqualTo(401);
		assertThat(models(key)).isEqualTo(200);
	}

	private int models(String key) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/models"));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
