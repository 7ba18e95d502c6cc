package io.siameseverify.deployment;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.siameseverify.MultipartRequests;
import io.siameseverify.SyntheticPng;
import io.siameseverify.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar against clients that mean harm or are cut off: no image byte is ever
 * written to disk, not even by a process killed mid-request; SIGTERM lets a request that
 * is decoding finish; image bombs sent beside ordinary traffic leave the process under
 * the container's memory limit and the ordinary requests answered. Local only, bounded in
 * time.
 */
class HostileClientsIT {

	/** The compose file's mem_limit, and the image's heap share of it. */
	private static final long CONTAINER_LIMIT = 3L << 30;

	private static final String HEAP = "-Xmx" + (CONTAINER_LIMIT * 55 / 100 >> 20) + "m";

	/** 128 MB decoded, allowed; about a second and a half to decode on one core. */
	private static final byte[] HEAVY = SyntheticPng.filled(4000, 4000, 16, SyntheticPng.RGBA, 90);

	/** 288 MB decoded: over the limit, refused from its header. */
	private static final byte[] BOMB = SyntheticPng.filled(6000, 6000, 16, SyntheticPng.RGBA, 90);

	private static final byte[] FACE = read("models/face/golden/sample1-face0-encoder.png");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path temp;

	@Test
	void noImageByteReachesTheDiskEvenWhenTheProcessIsKilled() throws Exception {
		Path tmp = Files.createDirectories(this.temp.resolve("tmp"));
		byte[] marker = Arrays.copyOf(HEAVY, 64);
		try (ServiceProcess service = ServiceProcess.start(List.of("-Djava.io.tmpdir=" + tmp),
				"--siamese.gallery.store=memory")) {
			// an upload half sent: the parts read so far are held by the server
			try (Socket socket = new Socket("127.0.0.1", service.port())) {
				byte[] part = ("--Bq\r\nContent-Disposition: form-data; name=\"image\"; filename=\"p.png\"\r\n"
						+ "Content-Type: image/png\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				OutputStream out = socket.getOutputStream();
				out.write(("POST /v1/models/face/embeddings?detect=false HTTP/1.1\r\nHost: 127.0.0.1\r\n"
						+ TestKeys.HEADER + ": " + TestKeys.ADMIN + "\r\n"
						+ "Content-Type: multipart/form-data; boundary=Bq\r\nContent-Length: "
						+ (part.length + HEAVY.length + 100) + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(part);
				out.write(HEAVY);
				out.flush();
				Thread.sleep(1500);
				assertThat(filesHolding(tmp, marker)).as("files holding the upload while it arrives").isEmpty();
			}
			// a whole upload, killed while it decodes
			CompletableFuture<HttpResponse<String>> decoding = decodingHeavyImage(service);
			service.kill();
			assertThat(decoding).failsWithin(Duration.ofSeconds(10));
			assertThat(filesHolding(tmp, marker)).as("files holding the image after kill -9").isEmpty();
		}
	}

	/** The heavy image sent whole, and given time to reach its decoding. */
	private CompletableFuture<HttpResponse<String>> decodingHeavyImage(ServiceProcess service)
			throws InterruptedException {
		CompletableFuture<HttpResponse<String>> decoding = this.http.sendAsync(MultipartRequests
			.post(URI.create(service.baseUrl() + "/v1/models/face/embeddings?detect=false"), HEAVY),
				HttpResponse.BodyHandlers.ofString());
		Thread.sleep(700);
		return decoding;
	}

	@Test
	void sigtermLetsARequestThatIsDecodingFinish() throws Exception {
		try (ServiceProcess service = ServiceProcess.start("--siamese.gallery.store=memory")) {
			CompletableFuture<HttpResponse<String>> decoding = decodingHeavyImage(service);
			service.terminate();
			HttpResponse<String> answer = decoding.get(60, TimeUnit.SECONDS);
			assertThat(answer.statusCode()).as(answer.body()).isIn(200, 503);
			if (answer.statusCode() == 200) {
				assertThat(answer.body()).contains("\"embedding\"");
			}
			service.awaitExit();
			assertThat(service.log()).doesNotContain("invalid-image").doesNotContain(" ERROR ");
		}
	}

	@Test
	void bombsBesideOrdinaryTrafficStayUnderTheContainersMemoryLimit() throws Exception {
		// no rate limit to help: the memory budgets alone must hold
		try (ServiceProcess service = ServiceProcess.start(List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"),
				"--siamese.gallery.store=memory", "--siamese.auth.rate-limit.requests-per-second=100000",
				"--siamese.auth.rate-limit.burst=100000")) {
			URI embed = URI.create(service.baseUrl() + "/v1/models/face/embeddings?detect=false");
			URI verify = URI.create(service.baseUrl() + "/v1/models/face/verify?detect=false");
			Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
			Instant end = Instant.now().plus(Duration.ofSeconds(40));
			ExecutorService clients = Executors.newFixedThreadPool(10);
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				running.add(clients.submit(() -> load(end, "heavy", MultipartRequests.post(embed, HEAVY), answers)));
			}
			for (int i = 0; i < 2; i++) {
				running.add(clients.submit(() -> load(end, "bomb", MultipartRequests.post(embed, BOMB), answers)));
			}
			for (int i = 0; i < 2; i++) {
				running.add(clients.submit(() -> load(end, "ordinary",
						MultipartRequests.post(verify, Map.of("image1", List.of(FACE), "image2", List.of(FACE))),
						answers)));
			}
			for (Future<?> client : running) {
				client.get(120, TimeUnit.SECONDS);
			}
			clients.shutdown();
			long peak = service.peakResidentBytes();
			assertThat(service.isAlive()).as("alive; log: %s", service.log()).isTrue();
			assertThat(answers.keySet()).as("answers by kind and status: %s", answers)
				.containsOnly("heavy 200", "heavy 503", "bomb 413", "ordinary 200")
				.contains("heavy 200", "bomb 413", "ordinary 200");
			assertThat(answers.get("ordinary 200").get()).as("ordinary requests answered: %s", answers)
				.isGreaterThan(20);
			System.out.printf("bombs beside ordinary traffic: %s; peak resident memory %d MiB%n", answers, peak >> 20);
			assertThat(peak).as("peak resident memory, bytes (%s)", answers).isLessThan(CONTAINER_LIMIT);
			assertThat(service.log()).doesNotContain(" ERROR ");
		}
	}

	private Void load(Instant end, String kind, HttpRequest request, Map<String, AtomicInteger> answers)
			throws Exception {
		while (Instant.now().isBefore(end)) {
			HttpResponse<String> answer = this.http.send(
					HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			answers.computeIfAbsent(kind + " " + answer.statusCode(), (k) -> new AtomicInteger()).incrementAndGet();
		}
		return null;
	}

	/** Regular files under the folder whose bytes contain the marker. */
	private static List<Path> filesHolding(Path folder, byte[] marker) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).filter((file) -> contains(file, marker)).toList();
		}
	}

	private static boolean contains(Path file, byte[] marker) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			outer: for (int i = 0; i + marker.length <= bytes.length; i++) {
				for (int j = 0; j < marker.length; j++) {
					if (bytes[i + j] != marker[j]) {
						continue outer;
					}
				}
				return true;
			}
			return false;
		}
		catch (IOException vanished) {
			return false;
		}
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
