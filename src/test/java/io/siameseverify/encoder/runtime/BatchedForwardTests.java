package io.siameseverify.encoder.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.siameseverify.encoder.card.ModelCard;
import io.siameseverify.encoder.card.ModelCardReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every shipped network gives the same output for an input in a batch as alone: libtorch
 * may choose other kernels for other batch sizes, and batching across requests must not
 * change an answer. Inputs at each network's size from its card, pseudo-random.
 */
class BatchedForwardTests {

	private static final int BATCH = 5;

	static Stream<Arguments> networks() {
		ModelCard face = ModelCardReader.read(Path.of("models/face"));
		ModelCard signature = ModelCardReader.read(Path.of("models/signature"));
		int detector = face.preprocessing().step("detect").orElseThrow().inputSize();
		int landmarks = face.preprocessing().step("landmarks").orElseThrow().inputSize();
		return Stream.of(Arguments.of("models/face/model.pt", 3, face.input().height(), face.input().width(), 255f),
				Arguments.of("models/face/detector.pt", 3, detector, detector, 255f),
				Arguments.of("models/face/landmarks.pt", 3, landmarks, landmarks, 255f), Arguments
					.of("models/signature/model.pt", 1, signature.input().height(), signature.input().width(), 1f));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("networks")
	void anInputInABatchShouldGiveWhatItGivesAlone(String file, int channels, int height, int width, float scale) {
		try (InferenceWorkers workers = new InferenceWorkers(1, java.time.Duration.ofSeconds(30));
				TorchScriptNetwork network = new TorchScriptNetwork(Path.of(file), workers)) {
			Random random = new Random(file.hashCode());
			List<Tensor> inputs = new ArrayList<>();
			for (int i = 0; i < BATCH; i++) {
				float[] data = new float[channels * height * width];
				for (int j = 0; j < data.length; j++) {
					data[j] = random.nextFloat() * scale;
				}
				inputs.add(new Tensor(data, new long[] { 1, channels, height, width }));
			}
			List<Tensor> batched = Tensors.unstack(network.forward(0, Tensors.stack(inputs)), BATCH);
			for (int i = 0; i < BATCH; i++) {
				float[] alone = network.forward(0, inputs.get(i)).data();
				float[] inBatch = batched.get(i).data();
				assertThat(inBatch).hasSameSizeAs(alone);
				double worst = 0;
				for (int j = 0; j < alone.length; j++) {
					worst = Math.max(worst, Math.abs(alone[j] - inBatch[j]));
				}
				assertThat(worst).as("%s input %d: largest difference", file, i).isCloseTo(0, within(1e-5));
			}
		}
	}

}
