package io.siameseverify.deployment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.siameseverify.MultipartRequests;
import io.siameseverify.TestKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario against a deployed service, however it was deployed: the models are there,
 * a face is enrolled from a photo, verified, found again, and deleted; readiness and
 * metrics answer.
 */
abstract class DeployedServiceScenario {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	/** Where the deployed service listens, e.g. {@code http://127.0.0.1:8080}. */
	protected abstract String baseUrl();

	/** Where its actuator listens, e.g. {@code http://127.0.0.1:8081}. */
	protected abstract String managementUrl();

	@Test
	void enrolVerifyIdentifyAndDeleteShouldWorkOnTheDeployedService() throws Exception {
		assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
		JsonNode models = JSON.readTree(get("/v1/models").body());
		assertThat(models.findValuesAsString("name")).containsExactly("face", "signature");

		String subject = "deployed-" + UUID.randomUUID();
		byte[] photo = Files.readAllBytes(Path.of("models/face/golden/sample1-detector.png"));
		HttpResponse<String> enrolled = post("/v1/models/face/subjects/" + subject + "/references", photo);
		assertThat(enrolled.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(enrolled.body()).get("referenceCount").asInt()).isEqualTo(1);

		JsonNode decision = JSON.readTree(post("/v1/models/face/subjects/" + subject + "/verify", photo).body());
		assertThat(decision.get("match").asBoolean()).isTrue();
		assertThat(decision.get("distance").asDouble()).isLessThan(1e-4);
		assertThat(decision.get("model").asString()).isEqualTo("face");

		byte[] otherFace = Files.readAllBytes(Path.of("models/face/golden/sample1-face1-encoder.png"));
		JsonNode stranger = JSON
			.readTree(post("/v1/models/face/subjects/" + subject + "/verify?detect=false", otherFace).body());
		assertThat(stranger.get("match").asBoolean()).isFalse();

		JsonNode identified = JSON.readTree(post("/v1/models/face/identify", photo).body());
		assertThat(identified.get("subjectId").asString()).isEqualTo(subject);

		assertThat(management("/actuator/prometheus").body()).contains("siamese_verify_decisions_total{");
		HttpResponse<String> deleted = this.http.send(
				TestKeys.request(URI.create(baseUrl() + "/v1/models/face/subjects/" + subject)).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(get("/v1/models/face/subjects/" + subject).statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> management(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(managementUrl() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(TestKeys.request(URI.create(baseUrl() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, byte[] image) throws Exception {
		return this.http.send(MultipartRequests.post(URI.create(baseUrl() + path), image),
				HttpResponse.BodyHandlers.ofString());
	}

}
