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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * (c) over HTTP: enrols 100 000 references through the API (5 000 subjects × 20, the signature
 * model because it encodes fastest; its embeddings are 128-d like the face model's), then times
 * POST /v1/models/signature/identify?limit=5 and, for comparison, subject verify with the same
 * probe: the difference is what scanning the whole gallery costs over a 1:1 lookup.
 */
public class IdentifyHttpBench {

	static final String[] IMAGES = { "thick-pen.png", "thin-stylus.png", "other-writer.png" };

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int subjects = Integer.parseInt(args.length > 1 ? args[1] : "5000");
		int perSubject = 20;
		int runs = 200;
		List<byte[]> images = new ArrayList<>();
		for (String image : IMAGES) {
			images.add(Files.readAllBytes(Path.of("models/signature/golden", image)));
		}
		try (ExecutorService io = Executors.newFixedThreadPool(4)) {
			HttpClient http = HttpClient.newBuilder().executor(io).build();
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
			io.shutdownNow();
		}
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
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
	}

}
