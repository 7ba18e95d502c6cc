package io.siameseverify.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code siamese.auth.enabled=false} opens every endpoint, and says so at WARN.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "siamese.auth.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class OpenServiceTests {

	@Value("${local.server.port}")
	private int port;

	@Test
	void withKeysSwitchedOffEveryEndpointShouldBeOpenAndTheLogShouldSaySo(CapturedOutput output) throws Exception {
		HttpResponse<Void> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/models/face/subjects"))
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(output.getOut()).containsPattern("WARN .*siamese.auth.enabled=false: every endpoint");
	}

}
