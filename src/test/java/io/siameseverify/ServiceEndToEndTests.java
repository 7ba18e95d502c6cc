package io.siameseverify;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import io.siameseverify.encoder.image.RgbTensors;
import io.siameseverify.encoder.runtime.InferenceWorkers;
import io.siameseverify.encoder.runtime.TorchScriptNetwork;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The packaged service on the real shipped models, through real HTTP: a face enrolled
 * from a photo and found again, the golden crops and signatures giving the reference
 * embeddings, and every problem type with its status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "siamese.gallery.max-references-per-subject=3", "spring.servlet.multipart.max-file-size=2MB",
				"siamese.encoder.max-batch-images=4" })
class ServiceEndToEndTests {

	private static final Path FACE_GOLDEN = Path.of("models/face/golden");

	private static final Path SIGNATURE_GOLDEN = Path.of("models/signature/golden");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void modelsShouldListFaceAndSignatureWithTheirThresholds() throws Exception {
		JsonNode models = get("/v1/models").body();
		assertThat(models.findValuesAsString("name")).containsExactly("face", "signature");
		assertThat(models.get(0).get("threshold").asDouble()).isEqualTo(0.6);
		assertThat(models.get(1).get("metric").asString()).isEqualTo("cosine");
	}

	@Test
	void faceFromAPhotoShouldBeEnrolledVerifiedIdentifiedAndDeleted() throws Exception {
		String subject = "person-" + UUID.randomUUID();
		byte[] photo = Files.readAllBytes(FACE_GOLDEN.resolve("sample1-detector.png"));
		Reply enrolled = post("/v1/models/face/subjects/" + subject + "/references", Map.of("image", List.of(photo)));
		assertThat(enrolled.status()).isEqualTo(201);
		assertThat(enrolled.body().get("referenceCount").asInt()).isEqualTo(1);
		JsonNode image = enrolled.body().get("images").get(0);
		assertThat(image.get("referenceId").asString())
			.isEqualTo(enrolled.body().get("references").get(0).get("referenceId").asString());
		assertThat(image.get("facesFound").asInt()).isEqualTo(3);
		assertThat(image.get("faces").findValues("encoded")).extracting(JsonNode::asBoolean)
			.containsExactly(false, true, false);

		JsonNode decision = post("/v1/models/face/subjects/" + subject + "/verify", Map.of("image", List.of(photo)))
			.body();
		assertThat(decision.get("match").asBoolean()).isTrue();
		assertThat(decision.get("distance").asDouble()).isCloseTo(0.0, within(1e-6));
		assertThat(decision.get("facesFound").get(0).asInt()).isEqualTo(3);
		assertThat(decision.get("referenceId").asString())
			.isEqualTo(enrolled.body().get("references").get(0).get("referenceId").asString());

		JsonNode identified = post("/v1/models/face/identify?limit=100", Map.of("image", List.of(photo))).body();
		assertThat(identified.get("subjectId").asString()).isEqualTo(subject);

		assertThat(delete("/v1/models/face/subjects/" + subject)).isEqualTo(204);
		assertThat(get("/v1/models/face/subjects/" + subject).status()).isEqualTo(404);
	}

	@Test
	void inputsParameterShouldShowTheAlignedChipsThatWereEncoded() throws Exception {
		byte[] photo = Files.readAllBytes(FACE_GOLDEN.resolve("sample1-detector.png"));
		JsonNode decision = post("/v1/models/face/verify?inputs=true",
				Map.of("image1", List.of(photo), "image2", List.of(photo)))
			.body();
		assertThat(decision.get("inputs")).hasSize(2);
		String chip = decision.get("inputs").get(0).asString();
		assertThat(chip).startsWith("data:image/png;base64,");
		BufferedImage image = ImageIO
			.read(new ByteArrayInputStream(Base64.getDecoder().decode(chip.substring(chip.indexOf(',') + 1))));
		assertThat(image.getWidth()).isEqualTo(150);
		assertThat(image.getHeight()).isEqualTo(150);
		assertThat(post("/v1/models/face/verify", Map.of("image1", List.of(photo), "image2", List.of(photo))).body()
			.has("inputs")).as("only when asked").isFalse();
	}

	@Test
	void faceParameterShouldChooseWhichDetectedFaceIsEncoded() throws Exception {
		Map<String, List<byte[]>> photo = Map.of("image",
				List.of(Files.readAllBytes(FACE_GOLDEN.resolve("sample1-detector.png"))));
		// the detector's order (models/face/golden/reference.json): face 0 scores best
		// and
		// sits nearest the centre, face 1 is the largest
		Map<String, Integer> encodedBy = Map.of("largest", 1, "best", 0, "central", 0, "2", 2);
		for (Map.Entry<String, Integer> choice : encodedBy.entrySet()) {
			JsonNode faces = post("/v1/models/face/embeddings?face=" + choice.getKey(), photo).body().get("faces");
			assertThat(faces.findValues("encoded")).extracting(JsonNode::asBoolean)
				.as("face=%s", choice.getKey())
				.containsExactly(choice.getValue() == 0, choice.getValue() == 1, choice.getValue() == 2);
		}
		expectProblem(post("/v1/models/face/embeddings?face=only", photo), 422, "multiple-faces");
		expectProblem(post("/v1/models/face/embeddings?face=3", photo), 422, "no-face-detected");
		expectProblem(post("/v1/models/face/embeddings?face=smallest", photo), 400, "invalid-parameter");
	}

	/**
	 * The face card asks for the mirror average: face-api's embedding of the crop (the
	 * golden file) averaged with the shipped encoder's of the crop mirrored; and so the
	 * mirrored crop gets the same embedding as the crop.
	 */
	@Test
	void croppedFaceWithoutDetectionShouldGiveTheMeanOfFaceApisEmbeddingsOfItAndItsMirror() throws Exception {
		JsonNode golden = JSON.readTree(FACE_GOLDEN.resolve("reference.json").toFile());
		JsonNode encoderCase = null;
		for (JsonNode c : golden.get("cases")) {
			if (c.get("net").asString().equals("encoder")) {
				encoderCase = c;
				break;
			}
		}
		byte[] crop = Files.readAllBytes(FACE_GOLDEN.resolve(encoderCase.get("input").asString()));
		BufferedImage mirrored = mirrored(ImageIO.read(new ByteArrayInputStream(crop)));
		float[] mirrorOutput;
		try (InferenceWorkers workers = new InferenceWorkers(1, Duration.ofSeconds(30));
				TorchScriptNetwork encoder = new TorchScriptNetwork(Path.of("models/face/model.pt"), workers)) {
			int[] rgb = mirrored.getRGB(0, 0, mirrored.getWidth(), mirrored.getHeight(), null, 0, mirrored.getWidth());
			mirrorOutput = encoder.run(RgbTensors.toNchw(rgb, mirrored.getWidth(), mirrored.getHeight())).data();
		}
		JsonNode embedding = post("/v1/models/face/embeddings?detect=false", Map.of("image", List.of(crop))).body()
			.get("embedding");
		JsonNode ofMirror = post("/v1/models/face/embeddings?detect=false", Map.of("image", List.of(png(mirrored))))
			.body()
			.get("embedding");
		for (int i = 0; i < 128; i++) {
			double faceApi = encoderCase.get("output").get(i).asDouble();
			assertThat(embedding.get(i).asDouble()).isCloseTo((faceApi + mirrorOutput[i]) / 2, within(1e-4));
			assertThat(ofMirror.get(i).asDouble()).isCloseTo(embedding.get(i).asDouble(), within(1e-5));
		}
	}

	private static BufferedImage mirrored(BufferedImage image) {
		BufferedImage mirrored = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				mirrored.setRGB(image.getWidth() - 1 - x, y, image.getRGB(x, y));
			}
		}
		return mirrored;
	}

	private static byte[] png(BufferedImage image) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	@Test
	void signaturesAsBase64JsonShouldGiveThePythonDistance() throws Exception {
		JsonNode golden = JSON.readTree(SIGNATURE_GOLDEN.resolve("reference.json").toFile());
		float[] a = floats(golden.get("cases").get(0).get("embedding"));
		float[] b = floats(golden.get("cases").get(1).get("embedding"));
		double expected = io.siameseverify.encoder.card.Metric.COSINE.distance(a, b);
		String body = JSON.writeValueAsString(Map.of("image1", base64(SIGNATURE_GOLDEN.resolve("thick-pen.png")),
				"image2", "data:image/png;base64," + base64(SIGNATURE_GOLDEN.resolve("thin-stylus.png"))));
		Reply reply = send(TestKeys.request(uri("/v1/models/signature/verify"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body().get("distance").asDouble()).isCloseTo(expected, within(1e-5));
		assertThat(reply.body().get("metric").asString()).isEqualTo("cosine");
	}

	/**
	 * A batch answers each image in order, as that image alone would be answered: the
	 * same embedding (within the tolerance of batched forwards) or the same problem.
	 */
	@Test
	void batchShouldAnswerEachImageAsItWouldBeAnsweredAlone() throws Exception {
		byte[] thick = Files.readAllBytes(SIGNATURE_GOLDEN.resolve("thick-pen.png"));
		byte[] thin = Files.readAllBytes(SIGNATURE_GOLDEN.resolve("thin-stylus.png"));
		byte[] notAnImage = "hello".getBytes(StandardCharsets.UTF_8);
		List<byte[]> images = List.of(thick, blankPng(), notAnImage, thin);
		Reply batch = post("/v1/models/signature/embeddings/batch", Map.of("image", images));
		assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
		assertThat(batch.body().get("model").asString()).isEqualTo("signature");
		JsonNode results = batch.body().get("results");
		assertThat(results.size()).isEqualTo(images.size());
		for (int i = 0; i < images.size(); i++) {
			JsonNode result = results.get(i);
			assertThat(result.get("index").asInt()).isEqualTo(i);
			Reply alone = post("/v1/models/signature/embeddings", Map.of("image", List.of(images.get(i))));
			if (alone.status() == 200) {
				assertThat(result.has("problem")).isFalse();
				float[] expected = floats(alone.body().get("embedding"));
				assertThat(floats(result.get("embedding"))).containsExactly(expected, within(1e-5f));
			}
			else {
				assertThat(result.has("embedding")).isFalse();
				assertThat(result.at("/problem/type").asString()).isEqualTo(alone.body().get("type").asString());
				assertThat(result.at("/problem/status").asInt()).isEqualTo(alone.status());
				assertThat(result.at("/problem/title").asString()).isEqualTo(alone.body().get("title").asString());
			}
		}
		assertThat(results.findValuesAsString("type")).containsExactly("urn:siamese-verify:problem:no-ink-detected",
				"urn:siamese-verify:problem:invalid-image");
	}

	@Test
	void batchAsAJsonArrayShouldEncodeEveryImage() throws Exception {
		String body = JSON.writeValueAsString(Map.of("image", List.of(base64(SIGNATURE_GOLDEN.resolve("thick-pen.png")),
				base64(SIGNATURE_GOLDEN.resolve("other-writer.png")))));
		Reply reply = send(TestKeys.request(uri("/v1/models/signature/embeddings/batch"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
		assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
		assertThat(reply.body().get("results").findValues("embedding")).hasSize(2)
			.allSatisfy((embedding) -> assertThat(embedding.size()).isEqualTo(128));
	}

	/**
	 * What is running: the build's name and version, and its commit when built from git.
	 */
	@Test
	void infoShouldNameTheBuildAndItsCommit() throws Exception {
		JsonNode info = management("/actuator/info").body();
		assertThat(info.at("/build/artifact").asString()).isEqualTo("siamese-verify");
		assertThat(info.at("/build/version").asString()).isNotBlank();
		if (Files.isDirectory(Path.of(".git"))) {
			assertThat(info.at("/git/commit/id").asString()).isNotBlank();
		}
	}

	@Test
	void readinessAndPrometheusShouldBeUpWithTheServicesMetrics() throws Exception {
		JsonNode readiness = management("/actuator/health/readiness").body();
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.at("/components/models/details/face").asString()).isEqualTo("ready");
		assertThat(management("/actuator/health/liveness").body().get("status").asString()).isEqualTo("UP");
		HttpResponse<String> scrape = this.http.send(
				HttpRequest.newBuilder(managementUri("/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		for (String stage : List.of("decode", "preprocess", "detect", "inference")) {
			assertThat(scrape.body())
				.contains("siamese_encoder_" + stage + "_seconds_count{application=\"siamese-verify\",model=\"face\"}");
		}
		assertThat(scrape.body())
			.contains("siamese_gallery_references{application=\"siamese-verify\",model=\"signature\"}");
		assertThat(get("/v3/api-docs").body().get("paths").has("/v1/models/{model}/identify")).isTrue();
	}

	@Nested
	class Problems {

		@Test
		void notAnImageShouldBe400InvalidImage() throws Exception {
			expectProblem(embed("face", "hello".getBytes(StandardCharsets.UTF_8)), 400, "invalid-image");
		}

		@Test
		void webpShouldBe415UnsupportedImage() throws Exception {
			byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
			expectProblem(embed("face", webp), 415, "unsupported-image");
		}

		@Test
		void hugePngShouldBe413BeforeDecoding() throws Exception {
			expectProblem(embed("signature", pngHeader(50_000, 50_000)), 413, "image-too-large");
		}

		@Test
		void uploadOverTheMultipartLimitShouldBe413() throws Exception {
			expectProblem(embed("signature", new byte[3 * 1024 * 1024]), 413, "request-too-large");
		}

		@Test
		void blankPhotoShouldBe422NoFace() throws Exception {
			expectProblem(embed("face", blankPng()), 422, "no-face-detected");
		}

		@Test
		void blankSignatureShouldBe422NoInk() throws Exception {
			expectProblem(embed("signature", blankPng()), 422, "no-ink-detected");
		}

		@Test
		void refusedImageOfSeveralShouldBeNamedAndNothingEnrolled() throws Exception {
			byte[] photo = Files.readAllBytes(FACE_GOLDEN.resolve("sample1-detector.png"));
			Reply pair = post("/v1/models/face/verify",
					Map.of("image1", List.of(photo), "image2", List.of(blankPng())));
			expectProblem(pair, 422, "no-face-detected");
			assertThat(pair.body().get("image").asString()).isEqualTo("image2");
			assertThat(pair.body().get("detail").asString()).startsWith("image2: no face detected");

			String subject = "named-" + UUID.randomUUID();
			Reply enrol = post("/v1/models/face/subjects/" + subject + "/references",
					Map.of("image", List.of(photo, photo, blankPng())));
			expectProblem(enrol, 422, "no-face-detected");
			assertThat(enrol.body().get("image").asString()).isEqualTo("image[2]");
			expectProblem(get("/v1/models/face/subjects/" + subject), 404, "unknown-subject");
		}

		@Test
		void unknownModelSubjectAndReferenceShouldBe404() throws Exception {
			expectProblem(get("/v1/models/nope"), 404, "unknown-model");
			expectProblem(get("/v1/models/face/subjects/nobody"), 404, "unknown-subject");
			String subject = "ref-" + UUID.randomUUID();
			post("/v1/models/signature/subjects/" + subject + "/references",
					Map.of("image", List.of(Files.readAllBytes(SIGNATURE_GOLDEN.resolve("thick-pen.png")))));
			expectProblem(deleteReply("/v1/models/signature/subjects/" + subject + "/references/none"), 404,
					"unknown-reference");
		}

		@Test
		void badSubjectIdShouldBe400() throws Exception {
			expectProblem(get("/v1/models/face/subjects/" + "x".repeat(129)), 400, "invalid-subject-id");
		}

		@Test
		void thresholdOutsideTheMetricShouldBe400() throws Exception {
			byte[] sig = Files.readAllBytes(SIGNATURE_GOLDEN.resolve("thick-pen.png"));
			expectProblem(post("/v1/models/signature/verify?threshold=2.5",
					Map.of("image1", List.of(sig), "image2", List.of(sig))), 400, "invalid-parameter");
		}

		@Test
		void missingImageShouldBe400() throws Exception {
			byte[] sig = Files.readAllBytes(SIGNATURE_GOLDEN.resolve("thick-pen.png"));
			expectProblem(post("/v1/models/signature/verify", Map.of("image1", List.of(sig))), 400, "missing-image");
		}

		@Test
		void textBodyShouldBe415() throws Exception {
			expectProblem(send(TestKeys.request(uri("/v1/models/signature/verify"))
				.header("Content-Type", "text/plain")
				.POST(HttpRequest.BodyPublishers.ofString("x"))
				.build()), 415, "unsupported-media-type");
		}

		@Test
		void batchOverTheImageLimitShouldBe413() throws Exception {
			byte[] sig = Files.readAllBytes(SIGNATURE_GOLDEN.resolve("thick-pen.png"));
			expectProblem(
					post("/v1/models/signature/embeddings/batch", Map.of("image", List.of(sig, sig, sig, sig, sig))),
					413, "too-many-images");
		}

		@Test
		void fourthReferenceOverTheLimitShouldBe409AndEnrolNothing() throws Exception {
			byte[] sig = Files.readAllBytes(SIGNATURE_GOLDEN.resolve("thick-pen.png"));
			String path = "/v1/models/signature/subjects/full-" + UUID.randomUUID() + "/references";
			assertThat(post(path, Map.of("image", List.of(sig, sig, sig))).status()).isEqualTo(201);
			expectProblem(post(path, Map.of("image", List.of(sig))), 409, "gallery-limit-reached");
		}

		private Reply embed(String model, byte[] image) throws Exception {
			return post("/v1/models/" + model + "/embeddings", Map.of("image", List.of(image)));
		}

	}

	private static void expectProblem(Reply reply, int status, String slug) {
		assertThat(reply.status()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.body().get("type").asString()).isEqualTo("urn:siamese-verify:problem:" + slug);
		assertThat(reply.raw()).doesNotContain("Exception", "\tat ", "io.siameseverify");
	}

	private record Reply(int status, String contentType, String raw, JsonNode body) {
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** The actuator's own port: liveness, readiness and metrics are not on the API's. */
	private URI managementUri(String path) {
		return URI.create("http://127.0.0.1:" + this.managementPort + path);
	}

	private Reply management(String path) throws Exception {
		return send(HttpRequest.newBuilder(managementUri(path)).build());
	}

	private Reply get(String path) throws Exception {
		return send(TestKeys.request(uri(path)).build());
	}

	private int delete(String path) throws Exception {
		return deleteReply(path).status();
	}

	private Reply deleteReply(String path) throws Exception {
		return send(TestKeys.request(uri(path)).DELETE().build());
	}

	private Reply post(String path, Map<String, List<byte[]>> parts) throws Exception {
		return send(MultipartRequests.post(uri(path), parts));
	}

	private Reply send(HttpRequest request) throws Exception {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
		return new Reply(response.statusCode(), contentType, response.body(), body);
	}

	private static String base64(Path file) throws IOException {
		return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
	}

	private static float[] floats(JsonNode array) {
		float[] values = new float[array.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) array.get(i).asDouble();
		}
		return values;
	}

	/** A white 64 × 64 PNG. */
	private static byte[] blankPng() throws IOException {
		BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
		java.awt.Graphics2D g = image.createGraphics();
		g.setColor(java.awt.Color.WHITE);
		g.fillRect(0, 0, 64, 64);
		g.dispose();
		return png(image);
	}

	/**
	 * A PNG signature and header chunk claiming width × height pixels, and no pixel data.
	 */
	private static byte[] pngHeader(int width, int height) {
		ByteBuffer ihdr = ByteBuffer.allocate(17);
		ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height);
		ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
		CRC32 crc = new CRC32();
		crc.update(ihdr.array());
		ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
		png.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
		return png.array();
	}

}
