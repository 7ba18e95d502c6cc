package io.siameseverify.deployment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image built from the repository's Dockerfile, run with the compose file's hardening
 * (read-only root, tmpfs for /tmp and the DJL cache), then the deployed scenario against
 * it. Skipped where no Docker engine runs. The image is built with the docker CLI because
 * the Dockerfile uses BuildKit features (cache mounts) that the engine's plain build API
 * lacks.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerImageIT extends DeployedServiceScenario {

	private static final String IMAGE = "siamese-verify:it";

	private static GenericContainer<?> service;

	/**
	 * Built first, then started: a @Container field would start before the image exists.
	 */
	@BeforeAll
	static void buildAndStart() throws Exception {
		Process build = new ProcessBuilder("docker", "build", "-t", IMAGE, ".").directory(Path.of(".").toFile())
			.inheritIO()
			.start();
		assertThat(build.waitFor(30, TimeUnit.MINUTES)).as("docker build finished").isTrue();
		assertThat(build.exitValue()).as("docker build exit code").isZero();
		service = new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(8080, 8081)
			.withCreateContainerCmdModifier((cmd) -> cmd.getHostConfig()
				.withReadonlyRootfs(true)
				.withTmpFs(Map.of("/tmp", "size=256m", "/var/cache/djl", "size=64m")))
			// the key the scenario sends; the actuator answers on its own port
			.withEnv(Map.of("SIAMESE_AUTH_KEYS_0_ID", "test-admin", "SIAMESE_AUTH_KEYS_0_SHA256",
					"944650a7cd0f9e14d5c4fb15edbffb7fa45fb9ed36a4fa9be3d7e5476ae51bd9", "SIAMESE_AUTH_KEYS_0_SCOPES",
					"admin"))
			.waitingFor(Wait.forHttp("/actuator/health/readiness").forPort(8081).forStatusCode(200))
			.withStartupTimeout(Duration.ofMinutes(3));
		service.start();
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.stop();
		}
	}

	@Override
	protected String baseUrl() {
		return "http://" + service.getHost() + ":" + service.getMappedPort(8080);
	}

	@Override
	protected String managementUrl() {
		return "http://" + service.getHost() + ":" + service.getMappedPort(8081);
	}

}
