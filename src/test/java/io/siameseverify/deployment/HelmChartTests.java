package io.siameseverify.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart, linted and rendered by Helm, checked on what matters when it runs:
 * probes on the actuator's real paths and port, a locked-down security context, writable
 * volumes exactly where the image writes, stable selectors, the gallery's store of record
 * (a volume for the embedded one, credentials from a Secret for PostgreSQL) and the guard
 * that keeps a gallery that cannot be shared on one pod.
 */
class HelmChartTests {

	@Test
	void chartShouldPassHelmLint() {
		LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
		assertThat(lint.isFailed()).as("lint: %s", lint.getMessages()).isFalse();
	}

	@Test
	void defaultsShouldRenderOneLockedDownPodWithProbesOnTheActuator() throws IOException {
		RenderedChart chart = RenderedChart.render(null, Map.of());
		// (and the keys' Secret, an install hook, which Helm renders apart: see below)
		assertThat(chart.kinds()).containsExactlyInAnyOrder("ServiceAccount", "PodDisruptionBudget", "ConfigMap",
				"Service", "Deployment", "PersistentVolumeClaim");
		Deployment deployment = chart.one(Deployment.class);
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		Container container = pod.getContainers().get(0);

		assertThat(container.getPorts()).extracting((port) -> port.getName() + ":" + port.getContainerPort())
			.containsExactly("http:" + ProjectFiles.applicationPort(), "management:" + ProjectFiles.managementPort());
		expectHttpProbe(container.getStartupProbe(), "/actuator/health/readiness");
		expectHttpProbe(container.getLivenessProbe(), "/actuator/health/liveness");
		expectHttpProbe(container.getReadinessProbe(), "/actuator/health/readiness");
		assertThat(container.getStartupProbe().getFailureThreshold() * container.getStartupProbe().getPeriodSeconds())
			.as("seconds allowed for loading the models")
			.isEqualTo(180);

		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(ProjectFiles.imageUser());
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");

		// a read-only root: every place the image writes must be a volume
		assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath)
			.contains("/tmp", ProjectFiles.imageEnv("DJL_CACHE_DIR"), ProjectFiles.imageWorkdir() + "/data");
		assertThat(pod.getVolumes()).filteredOn((volume) -> volume.getEmptyDir() != null).hasSize(2);

		assertThat(container.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "10");
		assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(45L);
	}

	@Test
	void libtorchThreadsShouldFollowTheCpuLimit() {
		Container container = RenderedChart.render(null, Map.of())
			.one(Deployment.class)
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0);
		EnvVar cpu = env(container, "CPU_LIMIT");
		assertThat(cpu.getValueFrom().getResourceFieldRef().getResource()).isEqualTo("limits.cpu");
		assertThat(env(container, "JAVA_TOOL_OPTIONS").getValue()).contains("-XX:ActiveProcessorCount=$(CPU_LIMIT)",
				"-XX:MaxRAMPercentage=55", "-XX:+ExitOnOutOfMemoryError");
		assertThat(container.getResources().getLimits().get("cpu").toString()).isEqualTo("2");
	}

	@Test
	void configMapShouldCarryTheInferenceAndGallerySettings() {
		RenderedChart chart = RenderedChart.render("exposed-values.yaml", Map.of());
		Map<String, Object> settings = new Yaml().load(chart.one(ConfigMap.class).getData().get("application.yaml"));
		assertThat(settings).extractingByKey("server").isEqualTo(Map.of("port", 8080, "shutdown", "graceful"));
		assertThat(settings).extractingByKey("siamese")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsKeys("encoder", "gallery", "models");
		Container container = chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(env(container, "SPRING_CONFIG_ADDITIONAL_LOCATION").getValue())
			.isEqualTo("optional:file:/app/config/,optional:file:/app/keys/");
		assertThat(container.getVolumeMounts())
			.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/app/config"));
	}

	@Test
	void selectorsShouldHoldOnlyStableLabels() {
		RenderedChart chart = RenderedChart.render("scaled-values.yaml", Map.of());
		Deployment deployment = chart.one(Deployment.class);
		Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
		assertThat(selector).containsOnlyKeys("app.kubernetes.io/name", "app.kubernetes.io/instance");
		assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector)
			.containsKeys("app.kubernetes.io/version", "helm.sh/chart");
		assertThat(chart.one(Service.class).getSpec().getSelector()).isEqualTo(selector);
		assertThat(chart.one(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
		for (HasMetadata resource : chart.resources()) {
			assertThat(resource.getMetadata().getLabels()).as(resource.getKind())
				.containsEntry("app.kubernetes.io/managed-by", "Helm")
				.containsKey("app.kubernetes.io/name");
		}
	}

	@Test
	void embeddedStoreShouldKeepItsDatabaseOnAClaimThatOnePodWrites() {
		RenderedChart chart = RenderedChart.render(null, Map.of());
		Deployment deployment = chart.one(Deployment.class);
		assertThat(deployment.getSpec().getStrategy().getType()).as("the old pod lets go of the file first")
			.isEqualTo("Recreate");
		PersistentVolumeClaim claim = chart.one(PersistentVolumeClaim.class);
		assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
		assertThat(claim.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		assertThat(pod.getVolumes()).filteredOn((volume) -> volume.getPersistentVolumeClaim() != null)
			.singleElement()
			.satisfies((volume) -> assertThat(volume.getPersistentVolumeClaim().getClaimName())
				.isEqualTo(claim.getMetadata().getName()));
		assertThat(chart.one(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
		Map<String, Object> settings = new Yaml().load(chart.one(ConfigMap.class).getData().get("application.yaml"));
		assertThat(settings).extractingByKey("siamese").extracting("gallery").extracting("store").isEqualTo("embedded");

		RenderedChart existing = RenderedChart.render(null, Map.of("gallery.embedded.existingClaim", "my-gallery"));
		assertThat(existing.kinds()).doesNotContain("PersistentVolumeClaim");
		assertThat(existing.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes())
			.filteredOn((volume) -> volume.getName().equals("gallery"))
			.singleElement()
			.satisfies(
					(volume) -> assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("my-gallery"));
	}

	@Test
	void aSecondPodWithAGalleryItCannotShareShouldRefuseToRender() {
		assertThatThrownBy(() -> RenderedChart.render(null, Map.of("replicaCount", 2)))
			.hasMessageContaining("replicaCount is 2, but gallery.store is embedded")
			.hasMessageContaining("gallery.store=postgres");
		assertThatThrownBy(() -> RenderedChart.render(null, Map.of("autoscaling.enabled", true)))
			.hasMessageContaining("autoscaling.enabled is true, but gallery.store is embedded");
		assertThatThrownBy(() -> RenderedChart.render(null, Map.of("gallery.store", "memory", "replicaCount", 2)))
			.hasMessageContaining("replicaCount is 2, but gallery.store is memory")
			.hasMessageContaining("gallery.acknowledgeInMemoryPerPod=true");
		RenderedChart acknowledged = RenderedChart.render(null,
				Map.of("gallery.store", "memory", "replicaCount", 3, "gallery.acknowledgeInMemoryPerPod", true));
		assertThat(acknowledged.one(Deployment.class).getSpec().getReplicas()).isEqualTo(3);
		assertThat(acknowledged.kinds()).doesNotContain("PersistentVolumeClaim");
	}

	@Test
	void postgresStoreShouldRunTwoReplicasWithCredentialsFromTheSecret() {
		RenderedChart chart = RenderedChart.render("postgres-values.yaml", Map.of("autoscaling.enabled", false));
		Deployment deployment = chart.one(Deployment.class);
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
		assertThat(deployment.getSpec().getStrategy()).as("a rolling update").isNull();
		assertThat(chart.kinds()).doesNotContain("PersistentVolumeClaim");
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		for (String variable : List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
			assertThat(env(container, variable).getValueFrom().getSecretKeyRef().getName()).isEqualTo("gallery-db");
		}
		Map<String, Object> settings = new Yaml().load(chart.one(ConfigMap.class).getData().get("application.yaml"));
		assertThat(settings).extractingByKey("siamese").extracting("gallery").extracting("store").isEqualTo("postgres");
		assertThat(settings).extractingByKey("spring")
			.isEqualTo(Map.of("datasource", Map.of("url", "jdbc:postgresql://postgres.biometrics:5432/gallery")));
		assertThat(chart.one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal()).isEqualTo(1);

		RenderedChart autoscaled = RenderedChart.render("postgres-values.yaml", Map.of());
		assertThat(autoscaled.one(HorizontalPodAutoscaler.class).getSpec().getMinReplicas()).isEqualTo(2);
		assertThatThrownBy(() -> RenderedChart.render(null, Map.of("gallery.store", "postgres")))
			.hasMessageContaining("set gallery.postgres.url");
	}

	@Test
	void scaledValuesShouldAutoscaleWithoutAFixedReplicaCount() {
		RenderedChart chart = RenderedChart.render("scaled-values.yaml", Map.of());
		HorizontalPodAutoscaler hpa = chart.one(HorizontalPodAutoscaler.class);
		assertThat(hpa.getSpec().getScaleTargetRef().getName())
			.isEqualTo(chart.one(Deployment.class).getMetadata().getName());
		assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(4);
		assertThat(chart.one(Deployment.class).getSpec().getReplicas()).as("left to the autoscaler").isNull();
	}

	@Test
	void exposedValuesShouldRenderIngressAndServiceMonitorOnTheRealPaths() {
		RenderedChart chart = RenderedChart.render("exposed-values.yaml", Map.of());
		Ingress ingress = chart.one(Ingress.class);
		assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("verify.example.org");
		assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
			.isEqualTo(chart.one(Service.class).getMetadata().getName());
		GenericKubernetesResource monitor = chart.one(GenericKubernetesResource.class);
		assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
		assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
		List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
		assertThat(endpoints).singleElement()
			.satisfies((endpoint) -> assertThat(endpoint).containsEntry("path", "/actuator/prometheus")
				.containsEntry("port", "management"));
	}

	/**
	 * helm-java's template leaves hooks out, so the test hook is rendered from a copy of
	 * the chart in which it is an ordinary template; its hook annotation is checked on
	 * the source.
	 */
	@Test
	void helmTestShouldCallReadinessThroughTheService(@TempDir Path copy) throws IOException {
		Path hook = RenderedChart.CHART.resolve("templates/tests/test-readiness.yaml");
		String source = Files.readString(hook);
		assertThat(source).contains("helm.sh/hook: test");
		copyChart(copy);
		Files.writeString(copy.resolve("templates/tests/test-readiness.yaml"),
				source.replace("helm.sh/hook: test", "hook: test"));
		RenderedChart chart = RenderedChart.parse(
				new Helm(copy).template().withName("verify").withKubeVersion(RenderedChart.KUBERNETES_VERSION).call());
		Pod test = chart.one(Pod.class);
		assertThat(String.join(" ", test.getSpec().getContainers().get(0).getCommand())).contains(
				"/dev/tcp/" + chart.one(Service.class).getMetadata().getName() + "/" + ProjectFiles.managementPort(),
				"/actuator/health/readiness", "' 200 '",
				"/dev/tcp/" + chart.one(Service.class).getMetadata().getName() + "/" + ProjectFiles.applicationPort(),
				"GET /v1/models/face/subjects", "' 401 '");
		assertThat(test.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
	}

	/**
	 * The Secret is an install hook (made once, never rendered again by an upgrade), and
	 * Helm's template leaves hooks out: rendered from a copy whose hook is a plain
	 * annotation, as for the test hook.
	 */
	@Test
	void aKeyShouldBeMadeOnInstallAndOnlyItsHashGivenToThePods(@TempDir Path copy) throws IOException {
		Path template = RenderedChart.CHART.resolve("templates/secret-keys.yaml");
		String source = Files.readString(template);
		assertThat(source).contains("helm.sh/hook: pre-install", "helm.sh/hook-delete-policy: before-hook-creation");
		copyChart(copy);
		Files.writeString(copy.resolve("templates/secret-keys.yaml"),
				source.replace("helm.sh/hook: pre-install", "hook: pre-install"));
		RenderedChart chart = RenderedChart.parse(new Helm(copy).template()
			.withName("verify")
			.withNamespace("biometrics")
			.withKubeVersion(RenderedChart.KUBERNETES_VERSION)
			.call());
		Secret secret = chart.one(Secret.class);
		String key = decode(secret.getData().get("admin-key"));
		assertThat(key).startsWith("sv_").hasSize(46);
		Map<String, Object> keys = new Yaml().load(decode(secret.getData().get("keys.yaml")));
		assertThat(keys).extractingByKey("siamese")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.extractingByKey("auth")
			.isEqualTo(
					Map.of("keys", List.of(Map.of("id", "admin", "sha256", sha256(key), "scopes", List.of("admin")))));
		PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
		Volume volume = pod.getVolumes().stream().filter((v) -> v.getName().equals("keys")).findFirst().orElseThrow();
		assertThat(volume.getSecret().getSecretName()).isEqualTo(secret.getMetadata().getName());
		assertThat(volume.getSecret().getItems()).extracting((item) -> item.getKey() + "→" + item.getPath())
			.containsExactly("keys.yaml→application.yaml");
		assertThat(pod.getContainers().get(0).getVolumeMounts())
			.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/app/keys"));
	}

	@Test
	void keysFromAnExistingSecretShouldBeMountedAndNoneMade() {
		RenderedChart chart = RenderedChart.render(null,
				Map.of("auth.existingSecret", "verify-keys", "auth.existingSecretKey", "clients.yaml"));
		assertThat(chart.all(Secret.class)).isEmpty();
		Volume volume = chart.one(Deployment.class)
			.getSpec()
			.getTemplate()
			.getSpec()
			.getVolumes()
			.stream()
			.filter((v) -> v.getName().equals("keys"))
			.findFirst()
			.orElseThrow();
		assertThat(volume.getSecret().getSecretName()).isEqualTo("verify-keys");
		assertThat(volume.getSecret().getItems()).extracting((item) -> item.getKey() + "→" + item.getPath())
			.containsExactly("clients.yaml→application.yaml");
	}

	@Test
	void disablingKeysShouldSaySoInTheConfigurationAndMountNoSecret() {
		RenderedChart chart = RenderedChart.render(null, Map.of("auth.enabled", "false"));
		assertThat(chart.all(Secret.class)).isEmpty();
		Map<String, Object> settings = new Yaml().load(chart.one(ConfigMap.class).getData().get("application.yaml"));
		assertThat(settings).extractingByKey("siamese")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.extractingByKey("auth")
			.isEqualTo(Map.of("enabled", false));
		assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes())
			.noneSatisfy((volume) -> assertThat(volume.getName()).isEqualTo("keys"));
	}

	private static String decode(String base64) {
		return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void notesShouldSayHowToReachItAndWhereTheGalleryIsKept() {
		String notes = new Helm(RenderedChart.CHART).install()
			.withName("verify")
			.withNamespace("biometrics")
			.withKubeVersion(RenderedChart.KUBERNETES_VERSION)
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(notes).contains("svc/verify-siamese-verify 8080:8080", "helm test verify --namespace biometrics",
				"kubectl get secret --namespace biometrics verify-siamese-verify-keys -o jsonpath='{.data.admin-key}'",
				"The gallery is kept in an SQLite file on the claim verify-siamese-verify-gallery");
	}

	private static void copyChart(Path target) throws IOException {
		try (var files = Files.walk(RenderedChart.CHART)) {
			for (Path file : files.toList()) {
				Path destination = target.resolve(RenderedChart.CHART.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(destination);
				}
				else {
					Files.copy(file, destination);
				}
			}
		}
	}

	@Test
	void ownModelShouldBeMountedAndConfiguredBesideTheShippedOnes() {
		RenderedChart chart = RenderedChart.render("own-model-values.yaml", Map.of());
		PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
		assertThat(pod.getVolumes()).filteredOn((volume) -> volume.getName().equals("my-model"))
			.singleElement()
			.satisfies((volume) -> assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("my-model"));
		assertThat(pod.getContainers().get(0).getVolumeMounts())
			.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/models/my-model"));
		Map<String, Object> settings = new Yaml().load(chart.one(ConfigMap.class).getData().get("application.yaml"));
		assertThat(settings).extractingByKey("siamese")
			.extracting("models")
			.isEqualTo(Map.of("my-model", Map.of("path", "/models/my-model")));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "exposed-values.yaml", "scaled-values.yaml", "own-model-values.yaml", "postgres-values.yaml" })
	void everyCiValuesFileShouldRenderAValidRelease(String values) {
		RenderedChart chart = RenderedChart.render(values, Map.of());
		assertThat(chart.kinds()).contains("Deployment", "Service", "ConfigMap");
		assertThat(chart.resources())
			.allSatisfy((resource) -> assertThat(resource.getMetadata().getName()).startsWith("verify-siamese-verify"));
	}

	private static void expectHttpProbe(Probe probe, String path) {
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).as("the actuator's port").isEqualTo("management");
	}

	private static EnvVar env(Container container, String name) {
		return container.getEnv()
			.stream()
			.filter((env) -> env.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no env " + name));
	}

}
