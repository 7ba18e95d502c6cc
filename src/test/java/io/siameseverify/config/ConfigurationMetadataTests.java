package io.siameseverify.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build writes metadata for every {@code siamese.*} property, so that an IDE
 * completes and explains them: each has a type and a description (from the properties'
 * javadoc).
 */
class ConfigurationMetadataTests {

	@Test
	void everySiamesePropertyShouldHaveATypeAndADescription() throws IOException {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("the configuration processor's output on the classpath").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("siamese.")) {
				names.add(name);
				assertThat(property.path("type").asString()).as("type of %s", name).isNotBlank();
				assertThat(property.path("description").asString()).as("description of %s", name).isNotBlank();
			}
		}
		assertThat(names).contains("siamese.encoder.max-batch", "siamese.encoder.max-batch-images",
				"siamese.gallery.store", "siamese.auth.enabled", "siamese.models", "siamese.web.body-memory");
	}

}
