package io.siameseverify.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.siameseverify.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key that passes its burst is answered 429 {@code rate-limited} with Retry-After;
 * other keys have buckets of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "siamese.auth.rate-limit.burst=3", "siamese.auth.rate-limit.requests-per-second=1" })
class RateLimitTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@Test
	void aKeyPastItsBurstShouldBeAnswered429WithRetryAfterAndOthersShouldNot() throws Exception {
		int refused = 0;
		HttpResponse<String> last = null;
		for (int i = 0; i < 6; i++) {
			last = models(TestKeys.VERIFY);
			refused += (last.statusCode() == 429) ? 1 : 0;
		}
		assertThat(refused).as("one request a second refills the bucket, so at most one more gets in").isBetween(2, 3);
		assertThat(last.statusCode()).isEqualTo(429);
		assertThat(last.body()).contains("urn:siamese-verify:problem:rate-limited");
		assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
		assertThat(models(TestKeys.ENROLL).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> models(String key) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/models"))
			.header(TestKeys.HEADER, key)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
