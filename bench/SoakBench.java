import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A soak of a running service on 127.0.0.1: first its maximum throughput for a mix of
 * requests (closed loop, 4 clients, 60 s), then the same mix at a fixed fraction of that
 * rate (open loop: requests leave on schedule whether or not earlier ones are answered)
 * for the given minutes, sampling the service's resident memory every 10 s. The mix: 70 %
 * face subject-verify, 20 % signature identify over 200 enrolled subjects, 10 % an
 * enrolment followed by the deletion of that subject (the gallery changes but does not
 * grow). Prints a report and exits non-zero if any request failed, the client fell behind
 * schedule, or resident memory grew by 5 % or more after the warm-up (the first fifth of
 * the soak, at least 2 minutes).
 *   java bench/SoakBench.java http://127.0.0.1:18080 PID MINUTES FRACTION
 */
public class SoakBench {

	static final String KEY = System.getenv().getOrDefault("SIAMESE_BENCH_KEY", "");

	static final int SUBJECTS = 200;

	static final int MAX_IN_FLIGHT = 64;

	final HttpClient http;

	final String base;

	final byte[] face;

	final byte[] signature;

	final AtomicLong enrolments = new AtomicLong();

	SoakBench(HttpClient http, String base) throws Exception {
		this.http = http;
		this.base = base;
		this.face = Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png"));
		this.signature = Files.readAllBytes(Path.of("models/signature/golden/thick-pen.png"));
	}

	public static void main(String[] args) throws Exception {
		String base = args[0];
		long pid = Long.parseLong(args[1]);
		double minutes = Double.parseDouble(args[2]);
		double fraction = Double.parseDouble(args[3]);
		try (ExecutorService io = Executors.newFixedThreadPool(8)) {
			SoakBench soak = new SoakBench(HttpClient.newBuilder().executor(io).build(), base);
			soak.enrolGallery();
			double max = soak.maximumThroughput(Duration.ofSeconds(60));
			double rate = max * fraction;
			System.out.printf("maximum throughput of the mix: %.1f req/s; soak at %.0f %%: %.1f req/s for %.0f min%n", max,
					fraction * 100, rate, minutes);
			boolean passed = soak.soak(rate, Duration.ofSeconds((long) (minutes * 60)), pid);
			io.shutdownNow();
			System.exit(passed ? 0 : 1);
		}
	}

	void enrolGallery() throws Exception {
		for (int s = 0; s < SUBJECTS; s++) {
			send("/v1/models/signature/subjects/soak-" + s + "/references", this.signature, "POST", 201);
			send("/v1/models/face/subjects/soak-" + s + "/references?detect=false", this.face, "POST", 201);
		}
	}

	/** One request of the mix, by a number that chooses which; returns its status. */
	int request(long n) throws Exception {
		int pick = (int) (n % 10);
		if (pick < 7) {
			return send("/v1/models/face/subjects/soak-" + (n % SUBJECTS) + "/verify?detect=false", this.face, "POST",
					200);
		}
		if (pick < 9) {
			return send("/v1/models/signature/identify?limit=5", this.signature, "POST", 200);
		}
		String subject = "/v1/models/face/subjects/churn-" + this.enrolments.incrementAndGet();
		int enrolled = send(subject + "/references?detect=false", this.face, "POST", 201);
		return (enrolled == 201) ? send(subject, null, "DELETE", 204) : enrolled;
	}

	double maximumThroughput(Duration length) throws Exception {
		AtomicLong done = new AtomicLong();
		AtomicInteger failures = new AtomicInteger();
		long end = System.nanoTime() + length.toNanos();
		try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
			for (int c = 0; c < 4; c++) {
				clients.submit(() -> {
					for (long n = 0; System.nanoTime() < end; n++) {
						if (!ok(request(n))) {
							failures.incrementAndGet();
						}
						done.incrementAndGet();
					}
					return null;
				});
			}
		}
		if (failures.get() > 0) {
			throw new IllegalStateException(failures.get() + " requests failed while measuring the maximum");
		}
		return done.get() / (length.toNanos() / 1e9);
	}

	boolean soak(double rate, Duration length, long pid) throws Exception {
		long interval = (long) (1e9 / rate);
		long start = System.nanoTime();
		long end = start + length.toNanos();
		long warmUp = start + Math.max(length.toNanos() / 5, Duration.ofMinutes(2).toNanos());
		Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
		Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
		AtomicInteger behind = new AtomicInteger();
		List<long[]> memory = new ArrayList<>();
		long nextSample = start;
		long sent = 0;
		try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
			for (long due = start; due < end; due += interval) {
				long now = System.nanoTime();
				if (due > now) {
					Thread.sleep(Duration.ofNanos(due - now));
				}
				if (System.nanoTime() >= nextSample) {
					memory.add(new long[] { System.nanoTime(), resident(pid) });
					nextSample += Duration.ofSeconds(10).toNanos();
				}
				if (!inFlight.tryAcquire()) {
					behind.incrementAndGet();
					continue;
				}
				long n = sent++;
				requests.submit(() -> {
					long t = System.nanoTime();
					try {
						int status = request(n);
						latencies.add((System.nanoTime() - t) / 1e6);
						statuses.computeIfAbsent(Integer.toString(status), (k) -> new AtomicInteger()).incrementAndGet();
					}
					catch (Exception ex) {
						statuses.computeIfAbsent(ex.getClass().getSimpleName(), (k) -> new AtomicInteger())
							.incrementAndGet();
					}
					finally {
						inFlight.release();
					}
					return null;
				});
			}
		}
		memory.add(new long[] { System.nanoTime(), resident(pid) });
		return report(rate, length, sent, statuses, latencies, behind.get(), memory, warmUp);
	}

	static boolean report(double rate, Duration length, long sent, Map<String, AtomicInteger> statuses,
			ConcurrentLinkedQueue<Double> latencies, int behind, List<long[]> memory, long warmUp) {
		double[] ms = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		long failed = statuses.entrySet()
			.stream()
			.filter((e) -> !ok(e.getKey()))
			.mapToLong((e) -> e.getValue().get())
			.sum();
		long afterWarmUp = memory.stream().filter((m) -> m[0] >= warmUp).findFirst().orElse(memory.getLast())[1];
		long last = memory.getLast()[1];
		long peak = memory.stream().mapToLong((m) -> m[1]).max().orElse(0);
		double growth = 100.0 * (last - afterWarmUp) / afterWarmUp;
		System.out.printf("requests sent %d in %d s (%.1f req/s scheduled), answers by status %s%n", sent,
				length.toSeconds(), rate, new TreeMap<>(statuses));
		System.out.printf("latency p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms%n", ms[ms.length / 2],
				ms[(int) (ms.length * 0.95)], ms[(int) (ms.length * 0.99)], ms[ms.length - 1]);
		System.out.printf("resident memory: after warm-up %d MiB, peak %d MiB, end %d MiB: growth after warm-up %.2f %%%n",
				afterWarmUp >> 20, peak >> 20, last >> 20, growth);
		System.out.printf("failed %d, fell behind schedule %d%n", failed, behind);
		System.out.println("resident memory every 10 s (MiB): " + Arrays.toString(
				memory.stream().mapToLong((m) -> m[1] >> 20).toArray()));
		boolean passed = failed == 0 && behind == 0 && growth < 5;
		System.out.println(passed ? "PASSED: no error, resident memory grew < 5 % after warm-up" : "FAILED");
		return passed;
	}

	static boolean ok(int status) {
		return status >= 200 && status < 300;
	}

	static boolean ok(String status) {
		return status.startsWith("2") && status.length() == 3;
	}

	static long resident(long pid) throws Exception {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		throw new IllegalStateException("no VmRSS for " + pid);
	}

	int send(String path, byte[] image, String method, int expected) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("X-API-Key", KEY)
			.timeout(Duration.ofSeconds(30));
		if (image == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.write(("--soak\r\nContent-Disposition: form-data; name=\"image\"; filename=\"i.png\"\r\n"
					+ "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.write(image);
			body.write("\r\n--soak--\r\n".getBytes(StandardCharsets.UTF_8));
			request.header("Content-Type", "multipart/form-data; boundary=soak")
				.method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		}
		HttpResponse<String> answer = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != expected) {
			System.err.println(path + " answered " + answer.statusCode() + ": " + answer.body());
		}
		return answer.statusCode();
	}

}
