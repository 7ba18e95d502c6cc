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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started as its own process with {@code java -jar} the way the image
 * starts it: the packaging is proven even where no container engine runs.
 */
class PackagedJarIT extends DeployedServiceScenario {

	private static Process service;

	private static Path log;

	private static int port;

	@BeforeAll
	static void start() throws Exception {
		Path jar = Path.of(System.getProperty("packaged.jar", "target/siamese-verify-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the packaged jar (run through ./mvnw verify)").isRegularFile();
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		log = Files.createTempFile("siamese-verify-packaged", ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=" + port,
				"--server.address=127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("DJL_OFFLINE", "true");
		service = builder.start();
		awaitReadiness(Duration.ofSeconds(120));
	}

	@AfterAll
	static void stop() throws Exception {
		if (service != null) {
			service.destroy();
			assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
			assertThat(Files.readString(log)).as("no stack trace in the service's log")
				.doesNotContain("\tat ")
				.contains("Started SiameseVerifyApplication");
			Files.deleteIfExists(log);
		}
	}

	@Override
	protected String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	private static void awaitReadiness(Duration timeout) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			assertThat(service.isAlive()).as("service process alive; log: %s", log).isTrue();
			try {
				HttpResponse<Void> readiness = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
						.build(), HttpResponse.BodyHandlers.discarding());
				if (readiness.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYetListening) {
				// the server is still starting
			}
			Thread.sleep(500);
		}
		throw new AssertionError("not ready within " + timeout + "; log: " + Files.readString(log));
	}

}
