package io.siameseverify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.siameseverify.postgres.OwnPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real application on PostgreSQL while the database is away: at start-up it stays
 * alive and not ready, saying why, until the database answers; once running, enrolment
 * and deletion answer 503 {@code store-unavailable} while verify and identify go on from
 * memory, and nothing half-written appears when the database is back.
 */
class StoreOutageTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] FACE = read("models/face/golden/sample1-face0-encoder.png");

	private static final byte[] OTHER_FACE = read("models/face/golden/sample1-face1-encoder.png");

	@RegisterExtension
	static final OwnPostgresServer postgres = new OwnPostgresServer();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void whenTheDatabaseIsAwayTheServiceShouldWaitThenRefuseChangesAndKeepServing() throws Exception {
		String database = postgres.server().createDatabase();
		postgres.server().stop();
		ServerPorts ports = new ServerPorts();
		SpringApplicationBuilder builder = new SpringApplicationBuilder(SiameseVerifyApplication.class)
			.listeners(ports);
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--management.server.port=0", "--spring.datasource.hikari.connection-timeout=1000"));
		Arrays.stream(postgres.server().serviceProperties(database))
			.map((property) -> "--" + property)
			.forEach(arguments::add);
		CompletableFuture<ConfigurableApplicationContext> application = CompletableFuture
			.supplyAsync(() -> builder.run(arguments.toArray(String[]::new)));
		application.exceptionally((failure) -> {
			ports.failed(failure);
			return null;
		});
		String base = ports.api(120);
		String management = ports.management(120);
		try {
			await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
				JsonNode readiness = JSON.readTree(get(management + "/actuator/health/readiness").body());
				assertThat(readiness.at("/components/models/status").asString()).isEqualTo("UP");
				assertThat(readiness.at("/components/gallery/details/face").asString())
					.isEqualTo("loading gallery: store unavailable, retrying");
			});
			assertThat(get(management + "/actuator/health/liveness").statusCode()).isEqualTo(200);
			assertThat(get(management + "/actuator/health/readiness").statusCode()).isEqualTo(503);
			HttpResponse<String> early = post(base + "/v1/models/face/subjects/alice/references?detect=false", FACE);
			assertThat(early.statusCode()).isEqualTo(503);
			assertThat(type(early)).isEqualTo("urn:siamese-verify:problem:not-ready");

			postgres.server().start();
			try (ConfigurableApplicationContext context = application.get(120, TimeUnit.SECONDS)) {
				assertThat(get(management + "/actuator/health/readiness").statusCode()).isEqualTo(200);
				assertThat(post(base + "/v1/models/face/subjects/alice/references?detect=false", FACE).statusCode())
					.isEqualTo(201);

				postgres.server().stop();
				HttpResponse<String> refused = post(base + "/v1/models/face/subjects/bob/references?detect=false",
						OTHER_FACE);
				assertThat(refused.statusCode()).isEqualTo(503);
				assertThat(type(refused)).isEqualTo("urn:siamese-verify:problem:store-unavailable");
				assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
				HttpResponse<String> delete = this.http.send(
						TestKeys.request(URI.create(base + "/v1/models/face/subjects/alice")).DELETE().build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(delete.statusCode()).isEqualTo(503);
				JsonNode identified = JSON.readTree(post(base + "/v1/models/face/identify?detect=false", FACE).body());
				assertThat(identified.get("subjectId").asString()).as("identify serves from memory").isEqualTo("alice");
				assertThat(get(management + "/actuator/health/readiness").statusCode()).as("still ready")
					.isEqualTo(200);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(JSON.readTree(get(management + "/actuator/health").body())
						.at("/components/galleryStore/status")
						.asString()).isEqualTo("DOWN"));

				postgres.server().start();
				await().atMost(Duration.ofSeconds(15))
					.until(() -> post(base + "/v1/models/face/subjects/carol/references?detect=false", OTHER_FACE)
						.statusCode() == 201);
				JsonNode subjects = JSON.readTree(get(base + "/v1/models/face/subjects").body());
				assertThat(subjects.findValuesAsString("subjectId")).as("bob's refused enrolment left nothing")
					.containsExactly("alice", "carol");
			}
		}
		finally {
			postgres.server().start();
			application.cancel(true);
		}
	}

	private static String type(HttpResponse<String> response) {
		return JSON.readTree(response.body()).get("type").asString();
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(TestKeys.request(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String url, byte[] image) throws Exception {
		return this.http.send(MultipartRequests.post(URI.create(url), image), HttpResponse.BodyHandlers.ofString());
	}

	private static byte[] read(String path) {
		try {
			return Files.readAllBytes(Path.of(path));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
