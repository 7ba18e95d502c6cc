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
import java.util.Collections;
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
 * Load against a running service on 127.0.0.1; every answer must have the expected status.
 * <ul>
 * <li>{@code verify REQUESTS LEVEL…}: (b) latency and throughput of
 * POST /v1/models/face/subjects/{id}/verify with a pre-cropped face (detect=false) at each
 * concurrency level, a fixed number of requests per level after a warm-up of
 * {@value #WARMUP_REQUESTS}, with the service's own stage timers read after each level.</li>
 * <li>{@code enrol REQUESTS LEVEL…}: (d) enrolment throughput, a new subject per request, at each
 * concurrency level, with the server's commit time; run once per store of record.</li>
 * <li>{@code identify SUBJECTS}: (c) over HTTP, SUBJECTS × 20 references enrolled through the API
 * (the signature model: it encodes fastest; 128-d like the face model), then
 * POST /v1/models/signature/identify?limit=5 and, for comparison, subject verify with the same
 * probe: the difference is what scanning the whole gallery costs over a 1:1 lookup.</li>
 * </ul>
 * The key comes from {@code SIAMESE_BENCH_KEY}, the actuator's address from
 * {@code SIAMESE_BENCH_MANAGEMENT} (both set by bench/service.sh).
 *   java -cp … bench/HttpBench.java http://127.0.0.1:18080 verify 400 1 2 4
 */
public class HttpBench {

	static final String[] SIGNATURES = { "thick-pen.png", "thin-stylus.png", "other-writer.png" };

	/** The API key bench/service.sh made for this run. */
	static final String KEY = System.getenv().getOrDefault("SIAMESE_BENCH_KEY", "");

	/** The service's actuator, on its management port. */
	static final String MANAGEMENT = System.getenv().getOrDefault("SIAMESE_BENCH_MANAGEMENT",
			"http://127.0.0.1:18081");

	/** Enough for both JVMs' JIT compilers to settle before anything is timed. */
	static final int WARMUP_REQUESTS = 300;

	public static void main(String[] args) throws Exception {
		String base = args[0];
		try (ExecutorService io = Executors.newFixedThreadPool(8)) {
			HttpClient http = HttpClient.newBuilder().executor(io).build();
			switch (args[1]) {
				case "verify" -> verify(http, base, Integer.parseInt(args[2]), Arrays.copyOfRange(args, 3, args.length),
						false);
				case "verify-photo" -> verify(http, base, Integer.parseInt(args[2]),
						Arrays.copyOfRange(args, 3, args.length), true);
				case "identify" -> identify(http, base, Integer.parseInt(args[2]));
				case "identify-face" -> identifyFace(http, base, Integer.parseInt(args[2]));
				case "batch" -> batch(http, base, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
						Arrays.copyOfRange(args, 4, args.length));
				case "enrol" -> enrol(http, base, Integer.parseInt(args[2]), Arrays.copyOfRange(args, 3, args.length));
				default -> throw new IllegalArgumentException("verify, identify or enrol, not " + args[1]);
			}
			io.shutdownNow();
		}
	}

	/**
	 * With {@code photo}, the golden photo (416 × 416, three faces) with face detection,
	 * landmarks and alignment; else the pre-cropped face with detect=false.
	 */
	static void verify(HttpClient http, String base, int requests, String[] levels, boolean photo) throws Exception {
		byte[] face = Files.readAllBytes(Path.of(photo ? "models/face/golden/sample1-detector.png"
				: "models/face/golden/sample1-face0-encoder.png"));
		String subject = photo ? "bench-photo" : "bench-subject";
		String detect = photo ? "" : "?detect=false";
		send(http, base + "/v1/models/face/subjects/" + subject + "/references" + detect, List.of(face), 201);
		for (int i = 0; i < WARMUP_REQUESTS; i++) {
			send(http, base + "/v1/models/face/subjects/" + subject + "/verify" + detect, List.of(face), 200);
		}
		for (String level : levels) {
			int concurrency = Integer.parseInt(level);
			Map<String, double[]> before = stageTotals(http, base);
			closedLoop(photo ? "verify-photo" : "verify", concurrency, requests,
					(i) -> send(http, base + "/v1/models/face/subjects/" + subject + "/verify" + detect, List.of(face), 200));
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
		delete(http, base + "/v1/models/face/subjects/" + subject);
	}

	/**
	 * The batch endpoint: each request carries {@code size} pre-cropped faces
	 * (detect=false); prints images per second beside requests per second.
	 */
	static void batch(HttpClient http, String base, int requests, int size, String[] levels) throws Exception {
		byte[] face = Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png"));
		List<byte[]> faces = Collections.nCopies(size, face);
		String url = base + "/v1/models/face/embeddings/batch?detect=false";
		for (int i = 0; i < WARMUP_REQUESTS / size + 10; i++) {
			send(http, url, faces, 200);
		}
		for (String level : levels) {
			double rate = closedLoop("batch of " + size, Integer.parseInt(level), requests,
					(i) -> send(http, url, faces, 200));
			System.out.printf("  batch of %d at concurrency %s: %.1f images/s%n", size, level, rate * size);
		}
	}

	/**
	 * (d) enrolment throughput: each request enrols a new subject from one pre-cropped face
	 * (detect=false), so that what differs between stores of record is the commit; the
	 * server's own commit timer is read after each level.
	 */
	static void enrol(HttpClient http, String base, int requests, String[] levels) throws Exception {
		byte[] face = Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png"));
		for (int i = 0; i < WARMUP_REQUESTS; i++) {
			send(http, base + "/v1/models/face/subjects/warm-" + i + "/references?detect=false", List.of(face), 201);
		}
		for (String level : levels) {
			int concurrency = Integer.parseInt(level);
			double[] commitsBefore = commitTotals(http, base);
			closedLoop("enrol", concurrency, requests, (i) -> send(http,
					base + "/v1/models/face/subjects/e" + concurrency + "-" + i + "/references?detect=false",
					List.of(face), 201));
			double[] commitsAfter = commitTotals(http, base);
			System.out.printf("  server-side commit mean=%.2f ms%n",
					1000 * (commitsAfter[1] - commitsBefore[1]) / (commitsAfter[0] - commitsBefore[0]));
		}
	}

	/** One request of a closed loop; i numbers the requests of a level from 0. */
	interface Request {

		void send(int i) throws Exception;

	}

	/**
	 * Sends {@code requests} requests from {@code concurrency} clients, each sending its next
	 * request when the last one is answered, and prints latency and throughput.
	 */
	static double closedLoop(String label, int concurrency, int requests, Request request) throws Exception {
		double[] latencies = new double[requests];
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		long started = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < concurrency; w++) {
			workers.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
					long t = System.nanoTime();
					request.send(i);
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
		System.out.printf("%s concurrency %d: requests=%d p50=%.1f ms p99=%.1f ms throughput=%.1f req/s%n", label,
				concurrency, requests, latencies[requests / 2], latencies[(int) (requests * 0.99) - 1],
				requests / seconds);
		return requests / seconds;
	}

	/** Count and sum of seconds of the face gallery's commits, from the service's scrape. */
	static double[] commitTotals(HttpClient http, String base) throws Exception {
		String scrape = http
			.send(HttpRequest.newBuilder(URI.create(MANAGEMENT + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		double[] totals = new double[2];
		Matcher m = Pattern.compile("^siamese_gallery_commit_seconds_(count|sum)\\{(.*)\\} (\\S+)$", Pattern.MULTILINE)
			.matcher(scrape);
		while (m.find()) {
			if (m.group(2).contains("model=\"face\"")) {
				totals["count".equals(m.group(1)) ? 0 : 1] += Double.parseDouble(m.group(3));
			}
		}
		return totals;
	}

	/**
	 * From the service's own Prometheus scrape: count and sum of seconds of each face
	 * encoder stage, and of the subject-verify endpoint as the server timed it.
	 */
	static Map<String, double[]> stageTotals(HttpClient http, String base) throws Exception {
		String scrape = http
			.send(HttpRequest.newBuilder(URI.create(MANAGEMENT + "/actuator/prometheus")).build(),
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

	static void identify(HttpClient http, String base, int subjects) throws Exception {
		int perSubject = 20;
		int runs = 200;
		List<byte[]> images = new ArrayList<>();
		for (String image : SIGNATURES) {
			images.add(Files.readAllBytes(Path.of("models/signature/golden", image)));
		}
		long started = System.nanoTime();
		AtomicInteger next = new AtomicInteger();
		try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
			List<Future<?>> workers = new ArrayList<>();
			for (int c = 0; c < 2; c++) {
				workers.add(clients.submit(() -> {
					for (int s = next.getAndIncrement(); s < subjects; s = next.getAndIncrement()) {
						List<byte[]> parts = new ArrayList<>();
						for (int r = 0; r < perSubject; r++) {
							parts.add(images.get((s + r) % images.size()));
						}
						send(http, base + "/v1/models/signature/subjects/s" + s + "/references", parts, 201);
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		System.out.printf("enrolled %d references over HTTP in %.0f s%n", subjects * perSubject,
				(System.nanoTime() - started) / 1e9);
		byte[] probe = images.get(0);
		time(http, "identify limit=5", base + "/v1/models/signature/identify?limit=5", probe, runs);
		time(http, "subject verify ", base + "/v1/models/signature/subjects/s0/verify", probe, runs);
		closedLoop("delete the subjects", 2, subjects,
				(s) -> delete(http, base + "/v1/models/signature/subjects/s" + s));
	}

	/**
	 * Identify in the face gallery as it stands (filled by an import), with the pre-cropped
	 * face and detect=false, beside subject verify of one imported subject.
	 */
	static void identifyFace(HttpClient http, String base, int runs) throws Exception {
		byte[] face = Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png"));
		time(http, "identify limit=5", base + "/v1/models/face/identify?limit=5&detect=false", face, runs);
		time(http, "subject verify ", base + "/v1/models/face/subjects/s0/verify?detect=false", face, runs);
	}

	static void time(HttpClient http, String label, String url, byte[] probe, int runs) throws Exception {
		for (int i = 0; i < 20; i++) {
			send(http, url, List.of(probe), 200);
		}
		double[] ms = new double[runs];
		for (int i = 0; i < runs; i++) {
			long t = System.nanoTime();
			send(http, url, List.of(probe), 200);
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		Arrays.sort(ms);
		System.out.printf("%s over HTTP, concurrency 1: runs=%d p50=%.1f ms p99=%.1f ms%n", label, runs, ms[runs / 2],
				ms[(int) (runs * 0.99) - 1]);
	}

	/** Deletes what the bench enrolled: a bench leaves no subject behind. */
	static void delete(HttpClient http, String url) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", KEY).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 204) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	static void send(HttpClient http, String url, List<byte[]> images, int expected) throws Exception {
		String boundary = "bench";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (byte[] image : images) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"s.png\"\r\n"
					+ "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.write(image);
			body.write("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
			.header("X-API-Key", KEY)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
	}

}
