import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * (a) An encoder's raw TorchScript forward pass through DJL at batch 1, at the input size its card
 * (model.json beside it) gives: no decoding, no
 * preprocessing, no HTTP, one calling thread. libtorch is set up as the service sets it up (intra-op
 * threads as given, by default the available processors; one inter-op thread; graph optimiser off).
 * The input is a fixed pseudo-random image. Prints p50, p99 and mean over the timed runs.
 * With a batch size, the input is that many images stacked, and the figures are per forward and
 * per image. Another network than the card's encoder (the face detector, the landmark net) needs
 * its input size, as HEIGHTxWIDTH.
 *   java -cp … bench/ForwardBench.java [model.pt] [runs] [intra-op threads] [batch] [HEIGHTxWIDTH]
 */
public class ForwardBench {

	public static void main(String[] args) throws Exception {
		int threads = (args.length > 2) ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
		System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
		System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
		System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
		Path model = Path.of(args.length > 0 ? args[0] : "models/face/model.pt");
		int warmup = 50;
		int runs = Integer.parseInt(args.length > 1 ? args[1] : "500");
		int batch = (args.length > 3) ? Integer.parseInt(args[3]) : 1;
		JsonNode card = JsonMapper.builder().build().readTree(Files.readString(model.resolveSibling("model.json")));
		String[] size = (args.length > 4) ? args[4].split("x")
				: new String[] { card.at("/input/height").asText(), card.at("/input/width").asText() };
		Shape shape = new Shape(batch, card.at("/input/channels").asInt(), Long.parseLong(size[0]),
				Long.parseLong(size[1]));
		Translator<float[], float[]> translator = new Translator<>() {
			public NDList processInput(TranslatorContext ctx, float[] input) {
				return new NDList(ctx.getNDManager().create(input, shape));
			}

			public float[] processOutput(TranslatorContext ctx, NDList list) {
				return list.singletonOrThrow().toFloatArray();
			}

			public Batchifier getBatchifier() {
				return null;
			}
		};
		Criteria<float[], float[]> criteria = Criteria.builder()
			.setTypes(float[].class, float[].class)
			.optModelPath(model.getParent())
			.optModelName(model.getFileName().toString().replaceFirst("\\.pt$", ""))
			.optEngine("PyTorch")
			.optTranslator(translator)
			.build();
		float[] input = new float[(int) shape.size()];
		Random random = new Random(1);
		for (int i = 0; i < input.length; i++) {
			input[i] = random.nextFloat() * 255;
		}
		try (ZooModel<float[], float[]> zoo = criteria.loadModel(); Predictor<float[], float[]> predictor = zoo.newPredictor()) {
			for (int i = 0; i < warmup; i++) {
				predictor.predict(input);
			}
			double[] ms = new double[runs];
			for (int i = 0; i < runs; i++) {
				long t = System.nanoTime();
				predictor.predict(input);
				ms[i] = (System.nanoTime() - t) / 1e6;
			}
			Arrays.sort(ms);
			double mean = Arrays.stream(ms).average().orElse(0);
			System.out.printf(model + " " + shape + ": forward batch " + batch + ", " + threads
					+ " intra-op threads: runs=%d p50=%.2f ms p99=%.2f ms mean=%.2f ms; per image %.2f ms, %.1f images/s%n",
					runs, ms[runs / 2], ms[(int) (runs * 0.99) - 1], mean, mean / batch, 1000 * batch / mean);
		}
	}

}
