package io.siameseverify.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import io.siameseverify.RawHttp;
import io.siameseverify.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed, oversized and ambiguous requests a probe of the service found answered
 * with a 500, an HTML page, or silently half-read: each gets a problem of a stable type,
 * a 4xx, no ERROR line in the log, and the headers that keep an answer from being sniffed
 * or cached. Over real HTTP, written byte by byte where a client library would refuse.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.tomcat.connection-timeout=2s")
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String FACE = Base64.getEncoder()
		.encodeToString(read("models/face/golden/sample1-face0-encoder.png"));

	private static final String KEY = TestKeys.HEADER + ": " + TestKeys.ADMIN;

	@Value("${local.server.port}")
	private int port;

	@ParameterizedTest(name = "Content-Type: {0}")
	@ValueSource(strings = { "foo", "/", ";;;", "application/json; charset=nonsense", "text/plain" })
	void aContentTypeThatIsNotMultipartOrJsonIsUnsupported(String contentType, CapturedOutput output)
			throws IOException {
		RawHttp.Answer answer = post("/v1/models/face/embeddings?detect=false", contentType, body(FACE));
		assertProblem(answer, 415, "unsupported-media-type");
		assertThat(output.getOut()).doesNotContain("ERROR");
	}

	@Test
	void anAcceptHeaderNobodyCanSatisfyGetsAProblemBody(CapturedOutput output) throws IOException {
		RawHttp.Answer answer = RawHttp.exchange(this.port, RawHttp.head("GET", "/v1/models", KEY, "Accept: foo"),
				new byte[0], WAIT);
		assertProblem(answer, 406, "not-acceptable");
		assertThat(output.getOut()).doesNotContain("ERROR");
	}

	@Test
	void jsonImageFieldsAreStrict() throws IOException {
		String embed = "/v1/models/face/embeddings?detect=false";
		assertThat(post(embed, "application/json", "{\"image\":\"" + FACE + "\"}").status()).isEqualTo(200);
		assertProblem(post(embed, "application/json", "{\"image\":[\"" + FACE + "\"]}"), 400, "invalid-request");
		assertProblem(post(embed, "application/json", "{\"image\":\"" + FACE + "\",\"image\":\"" + FACE + "\"}"), 400,
				"invalid-request");
		assertProblem(post(embed, "application/json", "{\"image\":\"" + FACE + "\",\"image2\":\"" + FACE + "\"}"), 400,
				"invalid-request");
		assertProblem(post(embed, "application/json", "{\"image\":\"data:text/plain;base64," + FACE + "\"}"), 400,
				"invalid-request");
		assertThat(post(embed, "application/json", "{\"image\":\"data:image/png;base64," + FACE + "\"}").status())
			.isEqualTo(200);
		assertProblem(post(embed, "application/json", "{\"image\":\"" + FACE + "!!\"}"), 400, "invalid-request");
		assertProblem(post(embed, "application/json", "{\"image\":\"" + FACE + "\"} {}"), 400, "invalid-request");
		assertProblem(post(embed, "application/json", "{\"image\":42}"), 400, "invalid-request");
	}

	@Test
	void enrolmentTakesSeveralImagesAsAnArrayOrRepeatedParts() throws IOException {
		RawHttp.Answer json = post("/v1/models/face/subjects/several/references?detect=false", "application/json",
				"{\"image\":[\"" + FACE + "\",\"" + FACE + "\"]}");
		assertThat(json.status()).as(json.body()).isEqualTo(201);
		assertThat(JSON.readTree(json.body()).get("referenceCount").asInt()).isEqualTo(2);
		assertProblem(
				post("/v1/models/face/subjects/several/references?detect=false", "application/json", "{\"image\":[]}"),
				400, "invalid-request");
	}

	@Test
	void multipartPartsAreStrictToo() throws IOException {
		String boundary = "XyZ";
		byte[] face = read("models/face/golden/sample1-face0-encoder.png");
		assertProblem(multipart("/v1/models/face/embeddings?detect=false", boundary, part(boundary, "image", face),
				part(boundary, "extra", face)), 400, "invalid-request");
		assertProblem(multipart("/v1/models/face/embeddings?detect=false", boundary, part(boundary, "image", face),
				part(boundary, "image", face)), 400, "invalid-request");
		assertThat(
				multipart("/v1/models/face/embeddings?detect=false", boundary, part(boundary, "image", face)).status())
			.isEqualTo(200);
	}

	@ParameterizedTest(name = "threshold={0}")
	@ValueSource(strings = { "Infinity", "1e309", "NaN", "-Infinity", "-0.1" })
	void aThresholdMustBeAFiniteNumberInRange(String threshold) throws IOException {
		RawHttp.Answer answer = post("/v1/models/face/verify?detect=false&threshold=" + threshold, "application/json",
				"{\"image1\":\"" + FACE + "\",\"image2\":\"" + FACE + "\"}");
		assertProblem(answer, 400, "invalid-parameter");
		assertThat(answer.body()).doesNotContain("\"threshold\"");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "%2E", "%2E%2E", ".%2E" })
	void dotSegmentsCannotBecomeSubjects(String id) throws IOException {
		RawHttp.Answer answer = post("/v1/models/face/subjects/" + id + "/references?detect=false", "application/json",
				body(FACE));
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void theContainersOwnRefusalsAreProblemsToo() throws IOException {
		assertProblem(RawHttp.exchange(this.port, RawHttp.head("TRACE", "/v1/models", KEY), new byte[0], WAIT), 405,
				"method-not-allowed");
		assertProblem(RawHttp.exchange(this.port, RawHttp.head("GET", "/v1/models/face/subjects/a%2Fb", KEY),
				new byte[0], WAIT), 400, "invalid-request");
		assertProblem(RawHttp.exchange(this.port, RawHttp.head("GET", "/v1/models?q=" + "a".repeat(9000), KEY),
				new byte[0], WAIT), 400, "invalid-request");
		assertProblem(RawHttp.exchange(this.port,
				RawHttp.head("GET", "/v1/models", KEY, "X-Big: " + "a".repeat(20_000)), new byte[0], WAIT), 400,
				"invalid-request");
		assertProblem(RawHttp.exchange(this.port, RawHttp.head("GET", "/no/such/path", KEY), new byte[0], WAIT), 404,
				"not-found");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "application/json", "multipart/form-data; boundary=XyZ" })
	void aBodyThatStopsArrivingIsATimeoutNotAnError(String contentType, CapturedOutput output) throws IOException {
		String head = RawHttp.head("POST", "/v1/models/face/embeddings?detect=false", KEY,
				"Content-Type: " + contentType, "Content-Length: 100000");
		RawHttp.Answer answer = RawHttp.exchange(this.port, head,
				"{\"image\":\"iVBORw0KGgo".getBytes(StandardCharsets.US_ASCII), WAIT);
		assertProblem(answer, 408, "request-timeout");
		assertThat(output.getOut()).doesNotContain("ERROR");
	}

	@Test
	void aProblemNamesNoSubjectAndIsNeitherSniffedNorCached() throws IOException {
		RawHttp.Answer answer = RawHttp.exchange(this.port,
				RawHttp.head("GET", "/v1/models/face/subjects/alice@example.com", KEY), new byte[0], WAIT);
		assertProblem(answer, 404, "unknown-subject");
		assertThat(answer.body()).doesNotContain("alice");
		assertThat(JSON.readTree(answer.body()).get("instance").asString()).startsWith("urn:uuid:");
	}

	private RawHttp.Answer post(String target, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return RawHttp.exchange(this.port,
				RawHttp.head("POST", target, KEY, "Content-Type: " + contentType, "Content-Length: " + bytes.length),
				bytes, WAIT);
	}

	private RawHttp.Answer multipart(String target, String boundary, byte[]... parts) throws IOException {
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			body.writeBytes(part);
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return RawHttp.exchange(this.port, RawHttp.head("POST", target, KEY,
				"Content-Type: multipart/form-data; boundary=" + boundary, "Content-Length: " + body.size()),
				body.toByteArray(), WAIT);
	}

	private static byte[] part(String boundary, String name, byte[] bytes) {
		java.io.ByteArrayOutputStream part = new java.io.ByteArrayOutputStream();
		part.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
				+ name + ".png\"\r\nContent-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		part.writeBytes(bytes);
		part.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		return part.toByteArray();
	}

	private static String body(String base64) {
		return "{\"image\":\"" + base64 + "\"}";
	}

	/** A problem of that status and type, with the headers every answer carries. */
	private static void assertProblem(RawHttp.Answer answer, int status, String slug) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(answer.header("Cache-Control")).contains("no-store");
		JsonNode problem = JSON.readTree(answer.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:siamese-verify:problem:" + slug);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
	}

	private static byte[] read(String path) {
		try {
			return Files.readAllBytes(Path.of(path));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
