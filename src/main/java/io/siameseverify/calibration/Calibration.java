package io.siameseverify.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.EncoderModel;
import io.siameseverify.encoder.ImageRejectedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs labelled images through a model's serving pipeline and measures its decisions: all
 * genuine pairs, impostor pairs (all, or a seeded sample when there are more than the
 * cap), EER, FAR and FRR at the model's threshold, the thresholds for FAR 1e-2 and 1e-3,
 * and a ROC/DET plot.
 */
final class Calibration {

	record Settings(Path data, String identityPattern, java.util.Set<String> classes, EncodeOptions options,
			int maxImpostorPairs, long seed, Path out) {
	}

	private final EncoderModel model;

	private final Settings settings;

	Calibration(EncoderModel model, Settings settings) {
		this.model = model;
		this.settings = settings;
	}

	Map<String, Object> run() throws IOException {
		List<LabelledImages.Item> items = LabelledImages.scan(this.settings.data(), this.settings.identityPattern(),
				this.settings.classes());
		List<float[]> embeddings = new ArrayList<>();
		List<String> identities = new ArrayList<>();
		Map<String, Integer> rejected = new LinkedHashMap<>();
		long started = System.nanoTime();
		for (LabelledImages.Item item : items) {
			try {
				embeddings.add(this.model.encode(Files.readAllBytes(item.path()), this.settings.options())
					.embedding()
					.values());
				identities.add(item.identity());
			}
			catch (ImageRejectedException ex) {
				rejected.merge(ex.kind().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
			}
		}
		double msPerImage = (System.nanoTime() - started) / 1e6 / items.size();
		double[][] pairs = distances(embeddings, identities);
		Roc roc = Roc.of(pairs[0], pairs[1]);
		Files.createDirectories(this.settings.out());
		Map<String, Object> report = report(roc, items.size(), embeddings.size(), rejected, pairs, msPerImage);
		JsonMapper.builder()
			.build()
			.writerWithDefaultPrettyPrinter()
			.writeValue(this.settings.out().resolve("report.json").toFile(), report);
		RocPlot.write(roc, this.model.threshold(),
				"%s %s on %s".formatted(this.model.name(), this.model.version(), this.settings.data().getFileName()),
				this.settings.out().resolve("roc.png"));
		return report;
	}

	/** [genuine distances, impostor distances]. */
	private double[][] distances(List<float[]> embeddings, List<String> identities) {
		List<Double> genuine = new ArrayList<>();
		List<int[]> impostorPairs = new ArrayList<>();
		for (int i = 0; i < embeddings.size(); i++) {
			for (int j = i + 1; j < embeddings.size(); j++) {
				if (identities.get(i).equals(identities.get(j))) {
					genuine.add(this.model.metric().distance(embeddings.get(i), embeddings.get(j)));
				}
				else {
					impostorPairs.add(new int[] { i, j });
				}
			}
		}
		if (impostorPairs.size() > this.settings.maxImpostorPairs()) {
			java.util.Collections.shuffle(impostorPairs, new Random(this.settings.seed()));
			impostorPairs = impostorPairs.subList(0, this.settings.maxImpostorPairs());
		}
		double[] impostor = impostorPairs.stream()
			.mapToDouble((p) -> this.model.metric().distance(embeddings.get(p[0]), embeddings.get(p[1])))
			.toArray();
		return new double[][] { genuine.stream().mapToDouble(Double::doubleValue).toArray(), impostor };
	}

	private Map<String, Object> report(Roc roc, int images, int encoded, Map<String, Integer> rejected,
			double[][] pairs, double msPerImage) {
		double[] eer = roc.equalError();
		double[] atThreshold = roc.ratesAt(this.model.threshold());
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("model", this.model.name());
		report.put("modelVersion", this.model.version());
		report.put("metric", this.model.metric().id());
		report.put("data", this.settings.data().getFileName().toString());
		report.put("detect", this.settings.options().detect());
		report.put("images", images);
		report.put("encoded", encoded);
		report.put("rejected", rejected);
		report.put("pairs", Map.of("genuine", pairs[0].length, "impostor", pairs[1].length));
		report.put("eer", Map.of("eer", eer[0], "threshold", eer[1]));
		report.put("atModelThreshold",
				Map.of("threshold", this.model.threshold(), "far", atThreshold[0], "frr", atThreshold[1]));
		List<Map<String, Object>> atFar = new ArrayList<>();
		for (double target : new double[] { 1e-2, 1e-3 }) {
			double[] point = roc.atFar(target);
			atFar.add(Map.of("targetFar", target, "threshold", point[0], "far", point[1], "tar", point[2]));
		}
		report.put("atFar", atFar);
		report.put("encodeMsPerImage", Math.round(msPerImage * 100) / 100.0);
		return report;
	}

}
