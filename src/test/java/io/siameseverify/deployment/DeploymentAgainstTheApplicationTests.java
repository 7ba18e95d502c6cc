package io.siameseverify.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.siameseverify.MultipartRequests;
import io.siameseverify.gallery.GalleryProperties;
import io.siameseverify.security.AuthProperties;
import io.siameseverify.security.Scope;

import io.siameseverify.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, the Prometheus scrape configuration and the Grafana dashboard,
 * checked against the application itself: every metric the dashboard queries must be in a
 * live scrape of {@code /actuator/prometheus}, and every path and port the files use must
 * be one the application serves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeploymentAgainstTheApplicationTests {

	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@LocalManagementPort
	private int managementPort;

	private Map<String, Object> compose;

	@BeforeEach
	void readCompose() throws IOException {
		this.compose = yaml(Path.of("docker-compose.yml"));
	}

	@Test
	void everyMetricTheDashboardQueriesShouldBeExported() throws Exception {
		// traffic of every kind the dashboard shows: a match, a no-match, a caller's
		// error
		byte[] face = Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png"));
		byte[] other = Files.readAllBytes(Path.of("models/face/golden/sample1-face1-encoder.png"));
		assertThat(post("/v1/models/face/subjects/dashboard/references?detect=false", face)).isEqualTo(201);
		assertThat(post("/v1/models/face/subjects/dashboard/verify?detect=false", face)).isEqualTo(200);
		assertThat(post("/v1/models/face/subjects/dashboard/verify?detect=false", other)).isEqualTo(200);
		assertThat(post("/v1/models/face/embeddings", "not an image".getBytes())).isEqualTo(400);
		assertThat(post("/v1/models/face/embeddings", face)).isEqualTo(200);

		Set<String> exported = management("/actuator/prometheus").body()
			.lines()
			.filter((line) -> !line.startsWith("#") && !line.isBlank())
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());
		Set<String> queried = new TreeSet<>();
		JsonNode dashboard = JsonMapper.builder().build().readTree(dashboardFile().toFile());
		for (JsonNode panel : dashboard.get("panels")) {
			assertThat(panel.at("/datasource/uid").asString()).isEqualTo(provisionedDatasourceUid());
			for (JsonNode target : panel.get("targets")) {
				Matcher selector = SELECTOR.matcher(target.get("expr").asString());
				while (selector.find()) {
					queried.add(selector.group(1));
				}
			}
		}
		assertThat(queried).as("metrics the dashboard queries")
			.contains("http_server_requests_seconds_bucket", "siamese_encoder_inference_seconds_bucket",
					"siamese_verify_decisions_total", "siamese_gallery_references", "jvm_memory_used_bytes",
					"process_memory_resident_bytes");
		assertThat(exported).as("metrics in a live scrape").containsAll(queried);
	}

	@Test
	void prometheusShouldScrapeTheComposeServiceOnThePathTheApplicationServes() throws Exception {
		Map<String, Object> scrape = first(yaml(Path.of("deploy/prometheus/prometheus.yml")), "scrape_configs");
		String path = (String) scrape.get("metrics_path");
		HttpResponse<String> answer = management(path);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("# TYPE siamese_gallery_references gauge");
		String target = ((List<String>) first(scrape, "static_configs").get("targets")).get(0);
		assertThat(target).isEqualTo("siamese-verify:" + ProjectFiles.managementPort());
		assertThat(services()).containsKey("siamese-verify");
	}

	@Test
	void serviceShouldRunReadOnlyWithItsWritablePlacesOnTmpfsAndAHealthcheckOnReadiness() throws Exception {
		Map<String, Object> service = service("siamese-verify");
		// the API only: the actuator's port stays inside the compose network, for
		// Prometheus
		assertThat((List<String>) service.get("ports")).containsExactly("8080:" + ProjectFiles.applicationPort());
		assertThat(service.get("read_only")).isEqualTo(true);
		assertThat(service.get("mem_limit")).isNotNull();
		List<String> tmpfs = (List<String>) service.get("tmpfs");
		assertThat(tmpfs).extracting((mount) -> mount.split(":")[0])
			.containsExactlyInAnyOrder("/tmp", ProjectFiles.imageEnv("DJL_CACHE_DIR"));
		String healthcheck = String.join(" ",
				(List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test"));
		Matcher path = Pattern.compile("GET (\\S+) HTTP").matcher(healthcheck);
		assertThat(path.find()).isTrue();
		assertThat(management(path.group(1)).statusCode()).isEqualTo(200);
		assertThat(healthcheck).contains("/dev/tcp/127.0.0.1/" + ProjectFiles.managementPort());
	}

	/**
	 * The service's environment, bound the way Spring Boot binds it, must select the
	 * PostgreSQL store and point at the compose database with its own user, password and
	 * database name; the database keeps its files on a named volume.
	 */
	@Test
	void serviceShouldKeepItsGalleryInTheComposeDatabaseOnANamedVolume() {
		Map<String, Object> service = service("siamese-verify");
		Map<String, Object> environment = (Map<String, Object>) service.get("environment");
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource("compose", environment));
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		GalleryProperties gallery = binder.bindOrCreate("siamese.gallery", GalleryProperties.class);
		assertThat(gallery.store()).isEqualTo(GalleryProperties.Store.POSTGRES);

		Map<String, Object> postgres = (Map<String, Object>) service("postgres").get("environment");
		assertThat(binder.bind("spring.datasource.url", String.class).get())
			.isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
		assertThat(binder.bind("spring.datasource.username", String.class).get())
			.isEqualTo(postgres.get("POSTGRES_USER"));
		assertThat(binder.bind("spring.datasource.password", String.class).get())
			.isEqualTo(postgres.get("POSTGRES_PASSWORD"));
		assertThat((Map<String, Object>) service.get("depends_on")).extractingByKey("postgres")
			.isEqualTo(Map.of("condition", "service_healthy"));

		List<String> volumes = (List<String>) service("postgres").get("volumes");
		String volume = volumes.get(0).split(":")[0];
		assertThat(volumes.get(0)).endsWith(":/var/lib/postgresql/data");
		assertThat((Map<String, Object>) this.compose.get("volumes")).as("a named volume").containsKey(volume);
	}

	/**
	 * The key's hash comes from the env file, with no default: bound as Spring Boot binds
	 * the environment, once compose has put a hash in its place, it is an admin key.
	 */
	@Test
	void serviceShouldTakeItsApiKeyHashFromTheEnvFileAndRefuseToStartWithout() {
		Map<String, Object> environment = new java.util.HashMap<>(
				(Map<String, Object>) service("siamese-verify").get("environment"));
		String reference = (String) environment.get("SIAMESE_AUTH_KEYS_0_SHA256");
		assertThat(reference).matches("\\$\\{SIAMESE_API_KEY_SHA256:\\?.+}");
		String hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
		environment.put("SIAMESE_AUTH_KEYS_0_SHA256", hash);
		MutablePropertySources sources = new MutablePropertySources();
		// named as Spring Boot names the process environment, whose list indices it maps
		sources.addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		AuthProperties auth = new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("siamese.auth",
				AuthProperties.class);
		assertThat(auth.enabled()).isTrue();
		assertThat(auth.keys()).containsExactly(new AuthProperties.Key("compose", hash, java.util.Set.of(Scope.ADMIN)));
	}

	@Test
	void chartProbesAndServiceMonitorShouldPointAtPathsTheApplicationServes() throws Exception {
		RenderedChart chart = RenderedChart.render("exposed-values.yaml", Map.of());
		Container container = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getPorts()).extracting((port) -> port.getName() + ":" + port.getContainerPort())
			.containsExactly("http:" + ProjectFiles.applicationPort(), "management:" + ProjectFiles.managementPort());
		for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
				container.getReadinessProbe())) {
			assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
			assertThat(management(probe.getHttpGet().getPath()).statusCode()).as(probe.getHttpGet().getPath())
				.isEqualTo(200);
		}
		List<Map<String, Object>> endpoints = chart.one(GenericKubernetesResource.class).get("spec", "endpoints");
		assertThat(endpoints.get(0)).containsEntry("port", "management");
		HttpResponse<String> scrape = management((String) endpoints.get(0).get("path"));
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("siamese_encoder_inference_seconds_count{");
	}

	@Test
	void grafanaShouldMountTheProvisioningAndDashboardsFromTheRepository() throws IOException {
		List<String> volumes = (List<String>) service("grafana").get("volumes");
		Map<String, String> mounts = volumes.stream()
			.map((volume) -> volume.split(":"))
			.collect(Collectors.toMap((parts) -> parts[1], (parts) -> parts[0]));
		assertThat(Path.of(mounts.get("/etc/grafana/provisioning"), "datasources")).isDirectory();
		Map<String, Object> provider = first(
				yaml(Path.of("deploy/grafana/provisioning/dashboards/siamese-verify.yaml")), "providers");
		String dashboardsPath = (String) ((Map<String, Object>) provider.get("options")).get("path");
		assertThat(Path.of(mounts.get(dashboardsPath)).resolve(dashboardFile().getFileName())).isRegularFile();
		String prometheusUrl = (String) first(yaml(Path.of("deploy/grafana/provisioning/datasources/prometheus.yaml")),
				"datasources")
			.get("url");
		assertThat(prometheusUrl).isEqualTo("http://prometheus:9090");
		assertThat((List<String>) service("prometheus").get("ports")).contains("9090:9090");
	}

	private static Path dashboardFile() {
		return Path.of("deploy/grafana/dashboards/siamese-verify.json");
	}

	private static String provisionedDatasourceUid() throws IOException {
		return (String) first(yaml(Path.of("deploy/grafana/provisioning/datasources/prometheus.yaml")), "datasources")
			.get("uid");
	}

	private Map<String, Object> services() {
		return (Map<String, Object>) this.compose.get("services");
	}

	private Map<String, Object> service(String name) {
		return (Map<String, Object>) services().get(name);
	}

	private static Map<String, Object> first(Map<String, Object> parent, String key) {
		return ((List<Map<String, Object>>) parent.get(key)).get(0);
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		return new Yaml().load(Files.readString(file));
	}

	/** The actuator's port: liveness, readiness and metrics are not on the API's. */
	private HttpResponse<String> management(String path) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(TestKeys.request(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private int post(String path, byte[] image) throws Exception {
		return this.http
			.send(MultipartRequests.post(URI.create("http://127.0.0.1:" + this.port + path), image),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
