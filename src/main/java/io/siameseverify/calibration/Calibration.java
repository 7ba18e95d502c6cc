package io.siameseverify.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.EncoderModel;
import io.siameseverify.encoder.image.ImageRejectedException;

/**
 * Runs labelled images through a model's serving pipeline and measures its decisions: all
 * genuine pairs, impostor pairs (all, or a seeded sample when there are more than the
 * cap), EER, FAR and FRR at the model's threshold, the thresholds for FAR 1e-2 and 1e-3,
 * and a ROC/DET plot.
 */
final class Calibration {

	record Settings(Path data, String identityPattern, String forgeryPrefix, java.util.Set<String> classes,
			EncodeOptions options, int maxImpostorPairs, long seed, Path out) {
	}

	private final EncoderModel model;

	private final Settings settings;

	Calibration(EncoderModel model, Settings settings) {
		this.model = model;
		this.settings = settings;
	}

	Map<String, Object> run() throws IOException {
		List<LabelledImages.Item> items = LabelledImages.scan(this.settings.data(), this.settings.identityPattern(),
				this.settings.forgeryPrefix(), this.settings.classes());
		List<float[]> embeddings = new ArrayList<>();
		List<LabelledImages.Item> encodedItems = new ArrayList<>();
		Map<String, Integer> rejected = new LinkedHashMap<>();
		long started = System.nanoTime();
		for (LabelledImages.Item item : items) {
			try {
				embeddings.add(this.model.encode(Files.readAllBytes(item.path()), this.settings.options())
					.embedding()
					.values());
				encodedItems.add(item);
			}
			catch (ImageRejectedException ex) {
				rejected.merge(ex.kind().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
			}
		}
		double msPerImage = (System.nanoTime() - started) / 1e6 / items.size();
		Map<String, double[]> pairs = ImpostorPairs.distances(encodedItems,
				(i, j) -> this.model.metric().distance(embeddings.get(i), embeddings.get(j)),
				this.settings.maxImpostorPairs(), this.settings.seed());
		String deciding = pairs.keySet().stream().skip(1).findFirst().orElseThrow();
		Roc roc = Roc.of(pairs.get("genuine"), pairs.get(deciding));
		Files.createDirectories(this.settings.out());
		Map<String, Object> report = report(items.size(), embeddings.size(), rejected, pairs, deciding, msPerImage);
		ReportFiles.write(this.settings.out(), report, roc, this.model, this.settings.data());
		return report;
	}

	private Map<String, Object> report(int images, int encoded, Map<String, Integer> rejected,
			Map<String, double[]> pairs, String deciding, double msPerImage) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("model", this.model.name());
		report.put("modelVersion", this.model.version());
		report.put("metric", this.model.metric().id());
		report.put("data", this.settings.data().getFileName().toString());
		report.put("detect", this.settings.options().detect());
		report.put("images", images);
		report.put("encoded", encoded);
		report.put("rejected", rejected);
		report.put("decidingKind", deciding);
		report.putAll(figures(pairs.get("genuine"), pairs.get(deciding)));
		Map<String, Object> byKind = new LinkedHashMap<>();
		pairs.forEach((kind, distances) -> {
			if (!kind.equals("genuine")) {
				byKind.put(kind, figures(pairs.get("genuine"), distances));
			}
		});
		report.put("byKind", byKind);
		report.put("encodeMsPerImage", Math.round(msPerImage * 100) / 100.0);
		return report;
	}

	/**
	 * Pairs, EER, FAR and FRR at the model's threshold, thresholds at FAR 1e-2 and 1e-3.
	 */
	private Map<String, Object> figures(double[] genuine, double[] impostor) {
		Roc roc = Roc.of(genuine, impostor);
		double[] eer = roc.equalError();
		double[] atThreshold = roc.ratesAt(this.model.threshold());
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("pairs", Map.of("genuine", genuine.length, "impostor", impostor.length));
		figures.put("eer", Map.of("eer", eer[0], "threshold", eer[1]));
		figures.put("atModelThreshold",
				Map.of("threshold", this.model.threshold(), "far", atThreshold[0], "frr", atThreshold[1]));
		List<Map<String, Object>> atFar = new ArrayList<>();
		for (double target : new double[] { 1e-2, 1e-3 }) {
			double[] point = roc.atFar(target);
			atFar.add(Map.of("targetFar", target, "threshold", point[0], "far", point[1], "tar", point[2]));
		}
		figures.put("atFar", atFar);
		return figures;
	}

}
