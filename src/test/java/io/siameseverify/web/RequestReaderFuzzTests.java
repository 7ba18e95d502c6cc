package io.siameseverify.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import io.siameseverify.Mutations;
import io.siameseverify.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Mutation fuzzing of the request readers over real HTTP: broken JSON and multipart
 * bodies, under valid and broken content types, sent to every image endpoint; each is
 * answered, below 500, and every refusal is a problem. Bounded in time
 * ({@code -Dfuzz.seconds}, 15 by default) and seeded ({@code -Dfuzz.seed}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestReaderFuzzTests {

	private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

	private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 15));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> TARGETS = List.of("/v1/models/face/embeddings?detect=false",
			"/v1/models/face/verify?detect=false", "/v1/models/signature/identify",
			"/v1/models/face/subjects/fuzz/references?detect=false",
			"/v1/models/face/subjects/fuzz/verify?detect=false", "/v1/models/face/gallery");

	private static final List<String> CONTENT_TYPES = List.of("application/json", "multipart/form-data; boundary=Bq",
			"multipart/form-data", "application/json; charset=utf-16", "application/x-ndjson", "text/plain", "foo/",
			"multipart/mixed; boundary=Bq", "application/json;;");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	private int port;

	@Test
	@Timeout(300)
	void everyBrokenBodyIsAnsweredBelow500WithAProblem() throws Exception {
		byte[] face = Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png"));
		Mutations mutations = new Mutations(SEED, seeds(face));
		Random random = new Random(SEED);
		Instant deadline = Instant.now().plus(BUDGET);
		int sent = 0;
		while (sent < 5_000 && Instant.now().isBefore(deadline)) {
			byte[] body = mutations.next();
			String target = TARGETS.get(random.nextInt(TARGETS.size()));
			String contentType = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
			HttpResponse<String> answer = this.http
				.send(TestKeys.request(URI.create("http://127.0.0.1:" + this.port + target))
					.header("Content-Type", contentType)
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			sent++;
			if (answer.statusCode() >= 500 || (answer.statusCode() >= 400 && !isProblem(answer))) {
				Path saved = Files.write(Files.createDirectories(Path.of("target", "fuzz-failures"))
					.resolve("request-" + SEED + "-" + sent + ".bin"), body);
				fail("request %d of seed %d (-Dfuzz.seed=%d) to %s as %s, saved as %s: %d %s".formatted(sent, SEED,
						SEED, target, contentType, saved, answer.statusCode(), answer.body()));
			}
		}
		assertThat(sent).as("requests sent (seed %d)", SEED).isGreaterThan(50);
	}

	private static boolean isProblem(HttpResponse<String> answer) {
		return answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
				&& JSON.readTree(answer.body()).path("type").asString().startsWith("urn:siamese-verify:problem:");
	}

	/** Valid bodies of every shape the endpoints read, to break. */
	private static List<byte[]> seeds(byte[] face) {
		String base64 = Base64.getEncoder().encodeToString(face);
		return List.of(utf8("{\"image\":\"" + base64 + "\"}"),
				utf8("{\"image1\":\"" + base64 + "\",\"image2\":\"data:image/png;base64," + base64 + "\"}"),
				utf8("{\"image\":[\"" + base64 + "\",\"" + base64 + "\"]}"), utf8("[[[[[[[[[[{\"a\":1}]]]]]]]]]]"),
				utf8("{\"subjectId\":\"a\",\"referenceId\":\"b\",\"embedding\":[0.1,0.2]}\n"), multipart(face, "image"),
				multipart(face, "image1", "image2"));
	}

	private static byte[] multipart(byte[] image, String... names) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (String name : names) {
			body.writeBytes(utf8("--Bq\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"f.png\"\r\n"
					+ "Content-Type: image/png\r\n\r\n"));
			body.writeBytes(image);
			body.writeBytes(utf8("\r\n"));
		}
		body.writeBytes(utf8("--Bq--\r\n"));
		return body.toByteArray();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
