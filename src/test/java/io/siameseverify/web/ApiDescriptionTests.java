package io.siameseverify.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description as a client generator or Swagger UI reads it: image uploads are
 * request bodies (files in multipart, base64 in JSON), problems are described, answers
 * are JSON, operations are grouped by feature.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDescriptionTests {

	@Value("${local.server.port}")
	private int port;

	private JsonNode api() throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/api-docs")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			return JsonMapper.builder().build().readTree(response.body());
		}
	}

	@Test
	void imagesShouldBeRequestBodiesNotQueryParameters() throws Exception {
		JsonNode verify = api().at("/paths/~1v1~1models~1{model}~1verify/post");
		assertThat(verify.get("parameters").findValuesAsString("name")).containsExactlyInAnyOrder("model", "threshold",
				"detect", "face", "inputs");
		JsonNode multipart = verify.at("/requestBody/content/multipart~1form-data/schema");
		assertThat(multipart.at("/properties/image1/format").asString()).isEqualTo("binary");
		assertThat(multipart.at("/properties/image2/format").asString()).isEqualTo("binary");
		assertThat(multipart.get("required").valueStream().map(JsonNode::asString)).containsExactly("image1", "image2");
		assertThat(verify.at("/requestBody/content/application~1json/schema/properties/image1/format").asString())
			.isEqualTo("byte");
		assertThat(verify.at("/requestBody/required").asBoolean()).isTrue();
	}

	@Test
	void enrolmentShouldTakeSeveralFiles() throws Exception {
		JsonNode image = api()
			.at("/paths/~1v1~1models~1{model}~1subjects~1{subjectId}~1references/post/requestBody/content/multipart~1form-data/schema/properties/image");
		assertThat(image.get("type").asString()).isEqualTo("array");
		assertThat(image.at("/items/format").asString()).isEqualTo("binary");
	}

	@Test
	void problemsShouldBeDescribedWithTheProblemSchemaAndTheirTypes() throws Exception {
		JsonNode api = api();
		assertThat(api.at("/components/schemas/Problem/properties").propertyNames()).contains("type", "title", "status",
				"detail", "instance");
		JsonNode noFace = api.at("/paths/~1v1~1models~1{model}~1verify/post/responses/422");
		assertThat(noFace.get("description").asString()).contains("urn:siamese-verify:problem:no-face-detected");
		assertThat(noFace.at("/content/application~1problem+json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
		JsonNode listModels = api.at("/paths/~1v1~1models/get/responses");
		assertThat(listModels.propertyNames()).contains("200", "401", "503").doesNotContain("413", "422");
	}

	@Test
	void answersShouldBeJsonAndOperationsGroupedByFeature() throws Exception {
		JsonNode api = api();
		JsonNode verify = api.at("/paths/~1v1~1models~1{model}~1verify/post");
		assertThat(verify.at("/responses/200/content").propertyNames()).containsExactly("application/json");
		assertThat(verify.get("tags").valueStream().map(JsonNode::asString)).containsExactly("Verification");
		assertThat(api.at("/info/title").asString()).isEqualTo("siamese-verify API");
		assertThat(api.at("/info/version").asString()).isNotBlank().isNotEqualTo("v0");
		assertThat(api.at("/components/securitySchemes/apiKey/name").asString()).isEqualTo("X-API-Key");
	}

}
