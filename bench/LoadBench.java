import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (b) Latency and throughput of POST /v1/models/face/subjects/{id}/verify with pre-cropped faces
 * (detect=false), against a running service on 127.0.0.1, at each concurrency given. Each level
 * sends a fixed number of requests (bounded loop) after a warm-up of {@value #WARMUP_REQUESTS} requests, and every answer must be 200.
 */
public class LoadBench {

	/** Enough for both JVMs' JIT compilers to settle before anything is timed. */
	static final int WARMUP_REQUESTS = 300;

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int requests = Integer.parseInt(args[1]);
		try (ExecutorService io = Executors.newFixedThreadPool(8)) {
			run(HttpClient.newBuilder().executor(io).build(), base, requests, args);
			io.shutdownNow();
		}
	}

	static void run(HttpClient http, String base, int requests, String[] args) throws Exception {
		byte[] face = Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png"));
		send(http, base + "/v1/models/face/subjects/bench-subject/references?detect=false", face, 201);
		for (int i = 0; i < WARMUP_REQUESTS; i++) {
			send(http, base + "/v1/models/face/subjects/bench-subject/verify?detect=false", face, 200);
		}
		for (int c = 2; c < args.length; c++) {
			int concurrency = Integer.parseInt(args[c]);
			double[] latencies = new double[requests];
			AtomicInteger next = new AtomicInteger();
			ExecutorService pool = Executors.newFixedThreadPool(concurrency);
			Map<String, double[]> before = stageTotals(http, base);
			long started = System.nanoTime();
			List<Future<?>> workers = new ArrayList<>();
			for (int w = 0; w < concurrency; w++) {
				workers.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
						long t = System.nanoTime();
						send(http, base + "/v1/models/face/subjects/bench-subject/verify?detect=false", face, 200);
						latencies[i] = (System.nanoTime() - t) / 1e6;
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			pool.shutdownNow();
			Arrays.sort(latencies);
			System.out.printf("verify concurrency %d: requests=%d p50=%.1f ms p99=%.1f ms throughput=%.1f req/s%n",
					concurrency, requests, latencies[requests / 2], latencies[(int) (requests * 0.99) - 1],
					requests / seconds);
			Map<String, double[]> after = stageTotals(http, base);
			StringBuilder stages = new StringBuilder("  server-side means:");
			// stages that did not run at this level (detect, with detect=false) are left out
			after.forEach((stage, total) -> {
				double[] start = before.getOrDefault(stage, new double[2]);
				double count = total[0] - start[0];
				if (count == 0) {
					return;
				}
				stages.append(String.format(" %s=%.2f ms", stage, 1000 * (total[1] - start[1]) / count));
			});
			System.out.println(stages);
		}
	}

	/**
	 * From the service's own Prometheus scrape: count and sum of seconds of each face
	 * encoder stage, and of the subject-verify endpoint as the server timed it.
	 */
	static Map<String, double[]> stageTotals(HttpClient http, String base) throws Exception {
		String scrape = http
			.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Map<String, double[]> totals = new TreeMap<>();
		Pattern line = Pattern.compile(
				"^(siamese_encoder_(\\w+?)|http_server_requests)_seconds_(count|sum)\\{(.*)\\} (\\S+)$", Pattern.MULTILINE);
		Matcher m = line.matcher(scrape);
		while (m.find()) {
			String stage;
			if (m.group(2) != null && m.group(4).contains("model=\"face\"")) {
				stage = m.group(2);
			}
			else if (m.group(2) == null && m.group(4).contains("uri=\"/v1/models/{model}/subjects/{subjectId}/verify\"")) {
				stage = "http-server";
			}
			else {
				continue;
			}
			double[] total = totals.computeIfAbsent(stage, (k) -> new double[2]);
			total["count".equals(m.group(3)) ? 0 : 1] += Double.parseDouble(m.group(5));
		}
		return totals;
	}

	static void send(HttpClient http, String url, byte[] image, int expected) throws Exception {
		String boundary = "bench";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"f.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(image);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
	}

}
