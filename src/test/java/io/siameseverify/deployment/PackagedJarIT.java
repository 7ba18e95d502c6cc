package io.siameseverify.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started as its own process with {@code java -jar} the way the image
 * starts it: the packaging is proven even where no container engine runs.
 */
class PackagedJarIT extends DeployedServiceScenario {

	private static Path data;

	private static ServiceProcess service;

	@BeforeAll
	static void start() throws Exception {
		data = Files.createTempDirectory("siamese-verify-data");
		service = ServiceProcess.start("--siamese.gallery.embedded.path=" + data);
	}

	@AfterAll
	static void stop() throws Exception {
		if (service != null) {
			service.stop();
			assertThat(service.log()).as("no stack trace in the service's log")
				.doesNotContain("\tat ")
				.contains("Started SiameseVerifyApplication");
			service.close();
		}
		assertThat(data.resolve("gallery.db")).as("the default store: an embedded database file").isRegularFile();
	}

	@Override
	protected String baseUrl() {
		return service.baseUrl();
	}

	@Override
	protected String managementUrl() {
		return service.managementUrl();
	}

}
