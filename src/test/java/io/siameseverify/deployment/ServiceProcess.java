package io.siameseverify.deployment;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.siameseverify.MultipartRequests;
import io.siameseverify.TestKeys;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started as a process of its own with {@code java -jar}, the way the
 * image starts it, on a free port of 127.0.0.1, its output in a log file; with the HTTP
 * calls the tests make of it.
 */
final class ServiceProcess implements AutoCloseable {

	private static final Duration READY_WITHIN = Duration.ofSeconds(120);

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<String> jvmOptions;

	private final List<String> arguments;

	private final Path log;

	private final Path workingDirectory;

	private final int port;

	private final int managementPort;

	private Process process;

	private ServiceProcess(List<String> jvmOptions, List<String> arguments, Path log, int port, int managementPort) {
		this.jvmOptions = jvmOptions;
		this.arguments = arguments;
		this.log = log;
		this.workingDirectory = log.resolveSibling(log.getFileName() + ".cwd");
		this.port = port;
		this.managementPort = managementPort;
	}

	/**
	 * Starts the packaged jar with the given Spring arguments and waits until it is
	 * ready.
	 */
	static ServiceProcess start(String... arguments) throws Exception {
		return start(List.of(), arguments);
	}

	/** The same, with options for the JVM ({@code -Xmx…}, {@code -Djava.io.tmpdir=…}). */
	static ServiceProcess start(List<String> jvmOptions, String... arguments) throws Exception {
		List<String> all = new ArrayList<>(TestKeys.serviceArguments());
		all.addAll(List.of(arguments));
		ServiceProcess service = new ServiceProcess(jvmOptions, all,
				Files.createTempFile("siamese-verify-service", ".log"), freePort(), freePort());
		service.launch();
		return service;
	}

	/** Starts it again, same port and arguments, after {@link #kill} or {@link #stop}. */
	void restart() throws Exception {
		launch();
	}

	private void launch() throws Exception {
		Files.createDirectories(this.workingDirectory);
		Path jar = Path.of(System.getProperty("packaged.jar", "target/siamese-verify-0.1.0-SNAPSHOT.jar"))
			.toAbsolutePath();
		assertThat(jar).as("the packaged jar (run through ./mvnw verify)").isRegularFile();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// started as the README starts it, with the Vector API for identify's scan
		List<String> command = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector"));
		command.addAll(this.jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + this.port, "--server.address=127.0.0.1",
				"--management.server.port=" + this.managementPort, "--management.server.address=127.0.0.1"));
		command.addAll(this.arguments);
		// from a working directory of its own: the jar finds the shipped models beside it
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().put("DJL_OFFLINE", "true");
		this.process = builder.start();
		awaitReadiness();
	}

	private void awaitReadiness() throws Exception {
		Instant deadline = Instant.now().plus(READY_WITHIN);
		while (Instant.now().isBefore(deadline)) {
			assertThat(this.process.isAlive()).as("service process alive; log: %s", this.log).isTrue();
			try {
				if (management("/actuator/health/readiness").statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYetListening) {
				// the server is still starting
			}
			Thread.sleep(250);
		}
		throw new AssertionError("not ready within " + READY_WITHIN + "; log: " + log());
	}

	/** SIGKILL, as the kernel's OOM killer or a node failure would end it. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
	}

	/** SIGTERM, and waits for the graceful shutdown. */
	void stop() throws InterruptedException {
		terminate();
		awaitExit();
	}

	/** SIGTERM, as Kubernetes sends it, without waiting. */
	void terminate() {
		this.process.destroy();
	}

	void awaitExit() throws InterruptedException {
		assertThat(this.process.waitFor(45, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
	}

	/** The process's peak resident memory so far (Linux's VmHWM), in bytes. */
	long peakResidentBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
			if (line.startsWith("VmHWM:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		throw new IllegalStateException("no VmHWM in /proc/" + this.process.pid() + "/status");
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	int port() {
		return this.port;
	}

	@Override
	public void close() throws Exception {
		if (this.process != null && this.process.isAlive()) {
			stop();
		}
		Files.deleteIfExists(this.log);
		FileSystemUtils.deleteRecursively(this.workingDirectory);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The actuator's port: liveness, readiness, metrics. */
	String managementUrl() {
		return "http://127.0.0.1:" + this.managementPort;
	}

	HttpResponse<String> management(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(managementUrl() + path)).build());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	String log() throws IOException {
		return Files.readString(this.log);
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(TestKeys.request(uri(path)).build());
	}

	HttpResponse<String> post(String path, byte[] image) throws IOException, InterruptedException {
		return send(MultipartRequests.post(uri(path), image));
	}

	HttpResponse<String> delete(String path) throws IOException, InterruptedException {
		return send(TestKeys.request(uri(path)).DELETE().build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create(baseUrl() + path);
	}

}
