package io.siameseverify.enrollment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.siameseverify.MultipartRequests;
import io.siameseverify.TestKeys;
import io.siameseverify.encoder.card.ModelCardReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gallery exported as NDJSON and imported back, through real HTTP, on the embedded
 * store and the real face model: the round trip restores the same references bit for bit,
 * an import is idempotent, and a bad line is refused by number with nothing kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "siamese.gallery.max-references-per-subject=3")
class GalleryTransferTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The version the served face card gives, which every imported line must carry. */
	private static final String FACE_VERSION = ModelCardReader.read(Path.of("models/face")).version();

	@TempDir
	static Path data;

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void embeddedStore(DynamicPropertyRegistry registry) {
		registry.add("siamese.gallery.store", () -> "embedded");
		registry.add("siamese.gallery.embedded.path", () -> data.toString());
	}

	@BeforeEach
	void emptyTheGallery() throws Exception {
		for (JsonNode subject : JSON.readTree(get("/v1/models/face/subjects?limit=1000").body()).get("subjects")) {
			delete("/v1/models/face/subjects/" + subject.get("subjectId").asString());
		}
	}

	@Test
	void exportThenImportShouldRestoreTheSameReferencesBitForBit() throws Exception {
		byte[] face = Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png"));
		enrol("alice", face);
		enrol("bob", Files.readAllBytes(Path.of("models/face/golden/sample1-face1-encoder.png")));
		HttpResponse<String> exported = get("/v1/models/face/gallery");
		assertThat(exported.statusCode()).isEqualTo(200);
		assertThat(exported.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
		List<JsonNode> lines = lines(exported.body());
		assertThat(lines).extracting((line) -> line.get("subjectId").asString()).containsExactly("alice", "bob");
		float[] embedding = JSON.treeToValue(
				JSON.readTree(post("/v1/models/face/embeddings?detect=false", face).body()).get("embedding"),
				float[].class);
		assertThat(JSON.treeToValue(lines.get(0).get("embedding"), float[].class)).containsExactly(embedding);

		delete("/v1/models/face/subjects/alice");
		delete("/v1/models/face/subjects/bob");
		HttpResponse<String> imported = importLines(exported.body());
		assertThat(imported.statusCode()).isEqualTo(200);
		JsonNode result = JSON.readTree(imported.body());
		assertThat(result.get("imported").asLong()).isEqualTo(2);
		assertThat(result.get("alreadyPresent").asLong()).isZero();
		assertThat(get("/v1/models/face/gallery").body()).isEqualTo(exported.body());
		JsonNode decision = JSON.readTree(post("/v1/models/face/subjects/alice/verify?detect=false", face).body());
		assertThat(decision.get("distance").asDouble()).isZero();
	}

	@Test
	void importOfWhatIsStoredShouldChangeNothing() throws Exception {
		enrol("alice", Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png")));
		String exported = get("/v1/models/face/gallery").body();
		JsonNode result = JSON.readTree(importLines(exported + "\n\n").body());
		assertThat(result.get("references").asLong()).isEqualTo(1);
		assertThat(result.get("alreadyPresent").asLong()).isEqualTo(1);
		assertThat(get("/v1/models/face/gallery").body()).isEqualTo(exported);
	}

	@Nested
	class Refused {

		@Test
		void importWhenALineIsBadShouldNameItAndKeepNothing() throws Exception {
			String good = line("carol", 128).toString() + "\n" + line("dave", 128).toString() + "\n";
			HttpResponse<String> refused = importLines(good + line("erin", 12) + "\n" + line("frank", 128));
			assertThat(refused.statusCode()).isEqualTo(400);
			JsonNode problem = JSON.readTree(refused.body());
			assertThat(problem.get("type").asString()).isEqualTo("urn:siamese-verify:problem:invalid-import-line");
			assertThat(problem.get("line").asLong()).isEqualTo(3);
			assertThat(problem.get("detail").asString()).contains("line 3").contains("128 values");
			assertThat(lines(get("/v1/models/face/gallery").body())).isEmpty();
		}

		@Test
		void importOfUnknownFieldsDuplicateKeysOrNotJsonShouldBeRefused() throws Exception {
			ObjectNode extra = line("carol", 128);
			extra.put("image", "…");
			String duplicate = line("carol", 128).toString().replaceFirst("\\{", "{\"subjectId\":\"mallory\",");
			for (String body : List.of(extra.toString(), duplicate, "[1, 2]", "{\"subjectId\": ", "null")) {
				HttpResponse<String> refused = importLines(body);
				assertThat(refused.statusCode()).as(body).isEqualTo(400);
				assertThat(JSON.readTree(refused.body()).get("line").asLong()).isEqualTo(1);
			}
		}

		@Test
		void importOfAnOverlongLineShouldBeRefusedBeforeItIsHeld() throws Exception {
			HttpResponse<String> refused = importLines("{\"subjectId\":\"" + "x".repeat(2 << 20) + "\"}");
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains("longer than");
		}

		@Test
		void importPastTheReferenceLimitShouldBe409AndKeepNothing() throws Exception {
			StringBuilder body = new StringBuilder();
			for (int i = 0; i < 4; i++) {
				body.append(line("carol", 128)).append('\n');
			}
			HttpResponse<String> refused = importLines(body.toString());
			assertThat(refused.statusCode()).isEqualTo(409);
			assertThat(JSON.readTree(refused.body()).get("type").asString())
				.isEqualTo("urn:siamese-verify:problem:gallery-limit-reached");
			assertThat(lines(get("/v1/models/face/gallery").body())).isEmpty();
		}

		@Test
		void importAsAnotherMediaTypeOrOfAnUnknownModelShouldBeRefused() throws Exception {
			HttpResponse<String> json = send(TestKeys.request(uri("/v1/models/face/gallery"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(line("carol", 128).toString()))
				.build());
			assertThat(json.statusCode()).isEqualTo(415);
			assertThat(get("/v1/models/nope/gallery").statusCode()).isEqualTo(404);
		}

	}

	private ObjectNode line(String subject, int size) {
		ObjectNode line = JSON.createObjectNode();
		line.put("subjectId", subject);
		line.put("referenceId", UUID.randomUUID().toString());
		line.put("createdAt", "2026-01-02T03:04:05.006Z");
		line.put("modelVersion", FACE_VERSION);
		var embedding = line.putArray("embedding");
		for (int i = 0; i < size; i++) {
			embedding.add(0.01f * (i + 1));
		}
		return line;
	}

	private static List<JsonNode> lines(String ndjson) {
		List<JsonNode> lines = new ArrayList<>();
		ndjson.lines().filter((line) -> !line.isBlank()).forEach((line) -> lines.add(JSON.readTree(line)));
		return lines;
	}

	private void enrol(String subject, byte[] face) throws Exception {
		assertThat(post("/v1/models/face/subjects/" + subject + "/references?detect=false", face).statusCode())
			.isEqualTo(201);
	}

	private HttpResponse<String> importLines(String body) throws Exception {
		return send(TestKeys.request(uri("/v1/models/face/gallery"))
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(TestKeys.request(uri(path)).build());
	}

	private void delete(String path) throws Exception {
		send(TestKeys.request(uri(path)).DELETE().build());
	}

	private HttpResponse<String> post(String path, byte[] image) throws Exception {
		return send(MultipartRequests.post(uri(path), image));
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
