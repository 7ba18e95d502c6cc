package io.siameseverify.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.siameseverify.MultipartRequests;
import io.siameseverify.TestKeys;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys on the real application: every biometric endpoint refuses a request without a
 * valid key (401) and a key without the scope (403), as problem details; each scope
 * reaches what it names and no more; liveness, readiness and the API description stay
 * open; every change to a gallery leaves an audit line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ApiKeySecurityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] FACE = read("models/face/golden/sample1-face0-encoder.png");

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Nested
	class WithoutAValidKey {

		@Test
		void biometricEndpointsShouldAnswer401WithAProblemAndWwwAuthenticate() throws Exception {
			for (HttpRequest.Builder request : new HttpRequest.Builder[] { get("/v1/models"),
					get("/v1/models/face/subjects"), get("/v1/models/face/gallery"), post("/v1/models/face/embeddings"),
					post("/v1/models/face/identify"), delete("/v1/models/face/subjects/alice") }) {
				HttpResponse<String> answer = send(request);
				assertThat(answer.statusCode()).as(answer.request().uri().toString()).isEqualTo(401);
				assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"siamese-verify\"");
				assertThat(answer.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				assertThat(type(answer)).isEqualTo("urn:siamese-verify:problem:unauthorized");
			}
		}

		@Test
		void aKeyThatIsNotConfiguredShouldBeRefusedInEitherHeader() throws Exception {
			assertThat(send(get("/v1/models").header(TestKeys.HEADER, "not-a-key")).statusCode()).isEqualTo(401);
			assertThat(send(get("/v1/models").header("Authorization", "Bearer not-a-key")).statusCode()).isEqualTo(401);
			assertThat(send(get("/v1/models").header("Authorization", "Bearer " + TestKeys.VERIFY)).statusCode())
				.isEqualTo(200);
		}

		@Test
		void healthAndTheApiDescriptionShouldStayOpen() throws Exception {
			for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
				assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)))
					.statusCode()).as(path).isEqualTo(200);
			}
			assertThat(send(get("/v3/api-docs")).statusCode()).isEqualTo(200);
		}

		@Test
		void theApiDescriptionShouldSayHowToSendTheKey() throws Exception {
			JsonNode description = JSON.readTree(send(get("/v3/api-docs")).body());
			JsonNode scheme = description.at("/components/securitySchemes/apiKey");
			assertThat(scheme.get("type").asString()).isEqualTo("apiKey");
			assertThat(scheme.get("in").asString()).isEqualTo("header");
			assertThat(scheme.get("name").asString()).isEqualTo(TestKeys.HEADER);
			assertThat(description.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
			assertThat(description.get("security")).hasSize(2);
		}

	}

	@Nested
	class Scopes {

		@Test
		void verifyShouldEncodeVerifyAndIdentifyButNotEnrolOrExport() throws Exception {
			assertThat(send(post("/v1/models/face/embeddings?detect=false", TestKeys.VERIFY)).statusCode())
				.isEqualTo(200);
			assertThat(send(post("/v1/models/face/identify?detect=false", TestKeys.VERIFY)).statusCode())
				.isEqualTo(200);
			HttpResponse<String> enrol = send(
					post("/v1/models/face/subjects/alice/references?detect=false", TestKeys.VERIFY));
			assertThat(enrol.statusCode()).isEqualTo(403);
			assertThat(type(enrol)).isEqualTo("urn:siamese-verify:problem:forbidden");
			assertThat(send(get("/v1/models/face/subjects").header(TestKeys.HEADER, TestKeys.VERIFY)).statusCode())
				.isEqualTo(403);
			assertThat(send(get("/v1/models/face/gallery").header(TestKeys.HEADER, TestKeys.VERIFY)).statusCode())
				.isEqualTo(403);
		}

		@Test
		void enrollShouldManageSubjectsButNotIdentifyOrExport(CapturedOutput output) throws Exception {
			HttpResponse<String> enrolled = send(
					post("/v1/models/face/subjects/scoped/references?detect=false", TestKeys.ENROLL));
			assertThat(enrolled.statusCode()).isEqualTo(201);
			String reference = JSON.readTree(enrolled.body()).at("/references/0/referenceId").asString();
			assertThat(
					send(get("/v1/models/face/subjects/scoped").header(TestKeys.HEADER, TestKeys.ENROLL)).statusCode())
				.isEqualTo(200);
			assertThat(send(post("/v1/models/face/identify?detect=false", TestKeys.ENROLL)).statusCode())
				.isEqualTo(403);
			assertThat(send(get("/v1/models/face/gallery").header(TestKeys.HEADER, TestKeys.ENROLL)).statusCode())
				.isEqualTo(403);
			assertThat(send(delete("/v1/models/face/subjects/scoped").header(TestKeys.HEADER, TestKeys.ENROLL))
				.statusCode()).isEqualTo(204);
			assertThat(send(delete("/v1/models/face/subjects/scoped").header(TestKeys.HEADER, TestKeys.ENROLL))
				.statusCode()).isEqualTo(404);
			assertThat(output.getOut())
				.contains("{\"event\":\"enroll\",\"key\":\"test-enroll\",\"model\":\"face\","
						+ "\"subject\":\"scoped\",\"references\":[\"" + reference + "\"],\"outcome\":\"ok\"}")
				.contains("{\"event\":\"delete-subject\",\"key\":\"test-enroll\",\"model\":\"face\","
						+ "\"subject\":\"scoped\",\"outcome\":\"ok\"}")
				.contains("{\"event\":\"delete-subject\",\"key\":\"test-enroll\",\"model\":\"face\","
						+ "\"subject\":\"scoped\",\"outcome\":\"refused: UnknownSubjectException\"}");
		}

		@Test
		void adminShouldReachEverythingAndItsExportShouldBeAudited(CapturedOutput output) throws Exception {
			assertThat(send(post("/v1/models/face/identify?detect=false", TestKeys.ADMIN)).statusCode()).isEqualTo(200);
			assertThat(send(get("/v1/models/face/gallery").header(TestKeys.HEADER, TestKeys.ADMIN)).statusCode())
				.isEqualTo(200);
			assertThat(output.getOut()).contains("{\"event\":\"export\",\"key\":\"test-admin\",\"model\":\"face\",");
		}

		@Test
		void apiAnswersShouldNotBeSniffedOrCached() throws Exception {
			HttpResponse<String> answer = send(get("/v1/models").header(TestKeys.HEADER, TestKeys.VERIFY));
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(answer.headers().firstValue("Cache-Control"))
				.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		}

	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path));
	}

	private HttpRequest.Builder delete(String path) {
		return HttpRequest.newBuilder(uri(path)).DELETE();
	}

	private HttpRequest.Builder post(String path) {
		return post(path, null);
	}

	/** A face crop in a part named image, with the key (none when null). */
	private HttpRequest.Builder post(String path, String key) {
		HttpRequest request = MultipartRequests.post(uri(path), FACE);
		HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> !name.equals(TestKeys.HEADER));
		return (key != null) ? builder.header(TestKeys.HEADER, key) : builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String type(HttpResponse<String> answer) {
		JsonNode problem = JSON.readTree(answer.body());
		return problem.get("type").asString();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
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
