package io.siameseverify.deployment;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart under {@code helm/siamese-verify} rendered by Helm itself (as a library, no
 * cluster), each manifest parsed into its typed Kubernetes object.
 */
record RenderedChart(List<HasMetadata> resources) {

	static final Path CHART = Path.of("helm/siamese-verify");

	/** A current Kubernetes; Helm's own default (1.20) is older than the chart allows. */
	static final String KUBERNETES_VERSION = "1.31.0";

	private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

	/**
	 * Rendered with the chart's defaults, a values file from ci/ if given, and --set
	 * pairs.
	 */
	static RenderedChart render(String valuesFile, Map<String, Object> sets) {
		TemplateCommand template = new Helm(CHART).template()
			.withName("verify")
			.withNamespace("biometrics")
			.withKubeVersion(KUBERNETES_VERSION);
		if (valuesFile != null) {
			template = template.withValuesFile(CHART.resolve("ci").resolve(valuesFile));
		}
		for (Map.Entry<String, Object> set : sets.entrySet()) {
			template = template.set(set.getKey(), set.getValue());
		}
		return parse(template.call());
	}

	static RenderedChart parse(String manifests) {
		List<HasMetadata> resources = Arrays.stream(manifests.split("(?m)^---\\s*$"))
			.filter((document) -> document.lines().anyMatch((line) -> line.startsWith("kind:")))
			.map((document) -> (HasMetadata) KUBERNETES.unmarshal(document))
			.toList();
		assertThat(resources).as("rendered resources").isNotEmpty();
		return new RenderedChart(resources);
	}

	<T extends HasMetadata> T one(Class<T> type) {
		List<T> found = all(type);
		assertThat(found).as("one %s", type.getSimpleName()).hasSize(1);
		return found.get(0);
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	List<String> kinds() {
		return this.resources.stream().map(HasMetadata::getKind).toList();
	}

}
