package io.siameseverify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application between "HTTP server up" and "models loaded": a runner ordered
 * before the model loading holds start-up at that point, so the test sees what a client
 * or a Kubernetes probe sees while a slow model loads.
 */
class ModelLoadingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void whileModelsLoadLivenessIsUpReadinessDownAndRequestsGet503NotReady() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ServerPorts ports = new ServerPorts();
		SpringApplicationBuilder builder = new SpringApplicationBuilder(SiameseVerifyApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "management.server.port=0")
			.listeners(ports)
			.initializers((context) -> context.getBeanFactory().registerSingleton("gate", new Gate(started, release)));
		CompletableFuture<ConfigurableApplicationContext> application = CompletableFuture.supplyAsync(builder::run);
		try {
			assertThat(started.await(120, TimeUnit.SECONDS)).as("start-up reached the gate").isTrue();
			String base = ports.api(1);
			String management = ports.management(1);

			assertThat(get(management + "/actuator/health/liveness").statusCode()).isEqualTo(200);
			HttpResponse<String> readiness = get(management + "/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(JSON.readTree(readiness.body()).at("/components/models/details/face").asString())
				.isEqualTo("loading");

			JsonNode models = JSON.readTree(get(base + "/v1/models").body());
			assertThat(models.findValuesAsString("name")).containsExactly("face", "signature");
			assertThat(models.findValues("ready")).allSatisfy((ready) -> assertThat(ready.asBoolean()).isFalse());

			HttpResponse<String> embed = post(base + "/v1/models/signature/embeddings",
					Path.of("models/signature/golden/thick-pen.png"));
			assertThat(embed.statusCode()).isEqualTo(503);
			assertThat(embed.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(embed.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(JSON.readTree(embed.body()).get("type").asString())
				.isEqualTo("urn:siamese-verify:problem:not-ready");

			release.countDown();
			try (ConfigurableApplicationContext context = application.get(120, TimeUnit.SECONDS)) {
				assertThat(get(management + "/actuator/health/readiness").statusCode()).isEqualTo(200);
				assertThat(
						post(base + "/v1/models/signature/embeddings", Path.of("models/signature/golden/thick-pen.png"))
							.statusCode())
					.isEqualTo(200);
			}
		}
		finally {
			release.countDown();
		}
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(TestKeys.request(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url, Path image) throws Exception {
		return this.http.send(MultipartRequests.post(URI.create(url), Files.readAllBytes(image)),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Runs first among the runners and waits for the test to let start-up go on. */
	private record Gate(CountDownLatch started, CountDownLatch release) implements ApplicationRunner, Ordered {

		@Override
		public void run(org.springframework.boot.ApplicationArguments args) throws InterruptedException {
			this.started.countDown();
			this.release.await(120, TimeUnit.SECONDS);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
