package io.siameseverify.encoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The golden files the models folder commits: inputs and the reference outputs to match.
 */
public final class Golden {

	public static final Path FACE = Path.of("models/face");

	public static final Path SIGNATURE = Path.of("models/signature");

	private Golden() {
	}

	public static JsonNode reference(Path model) {
		return json(model, "reference.json");
	}

	/** Any JSON file of the model's golden folder. */
	public static JsonNode json(Path model, String name) {
		return JsonMapper.builder().build().readTree(model.resolve("golden").resolve(name).toFile());
	}

	public static byte[] bytes(Path model, String name) {
		try {
			return Files.readAllBytes(model.resolve("golden").resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static float[] floats(JsonNode array) {
		float[] values = new float[array.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) array.get(i).asDouble();
		}
		return values;
	}

}
