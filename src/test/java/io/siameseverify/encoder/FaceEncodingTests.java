package io.siameseverify.encoder;

import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siameseverify.encoder.runtime.InferenceWorkers;
import io.siameseverify.encoder.runtime.Tensor;
import io.siameseverify.encoder.runtime.TorchScriptNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shipped face model, loaded as the service loads it: its card asks for the mirror
 * average, and an encoding is then the mean of the encoder's outputs for the chip and for
 * its mirror image, run here on the same TorchScript file apart from the service.
 */
class FaceEncodingTests {

	private static InferenceWorkers workers;

	private static EncoderModel model;

	private static TorchScriptNetwork encoder;

	@BeforeAll
	static void load() {
		EncoderProperties properties = EncoderPropertiesTests.properties(1, 1);
		workers = new InferenceWorkers(1, Duration.ofSeconds(30), 16, Duration.ZERO);
		ModelLoader loader = new ModelLoader(properties, workers, new SimpleMeterRegistry(),
				new ModelFolders(Path.of(""), Path.of("target")));
		ModelsProperties.ModelSettings settings = new ModelsProperties.ModelSettings(Golden.FACE, null, true,
				"dlib-chip");
		model = loader.load(loader.describe("face", settings), settings);
		encoder = new TorchScriptNetwork(Golden.FACE.resolve("model.pt"), workers);
	}

	@AfterAll
	static void close() {
		model.close();
		encoder.close();
		workers.close();
	}

	@Test
	void cropWhenTheCardAsksForTheMirrorAverageShouldEncodeAsTheMeanOverChipAndMirror() {
		assertThat(model.card().embedding().mirrorAverage()).isTrue();
		Encoding encoding = model.encode(Golden.bytes(Golden.FACE, "sample1-face0-encoder.png"),
				EncodeOptions.of(false, null));
		Tensor chip = encoding.input();
		float[] direct = encoder.run(chip).data();
		float[] mirror = encoder.run(MirrorAverage.mirrored(chip)).data();
		float[] mean = new float[direct.length];
		double moved = 0;
		for (int i = 0; i < mean.length; i++) {
			mean[i] = (direct[i] + mirror[i]) / 2;
			moved += Math.abs(direct[i] - mean[i]);
		}
		assertThat(encoding.embedding().values()).containsExactly(mean, within(1e-5f));
		assertThat(moved).as("the mirror's output differs from the chip's").isGreaterThan(0.01);
	}

}
