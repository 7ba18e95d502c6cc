package io.siameseverify.calibration;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.EncodedInput;
import io.siameseverify.encoder.EncoderModel;
import io.siameseverify.encoder.Encoding;
import io.siameseverify.encoder.Face;
import io.siameseverify.encoder.image.ImageRejectedException;

/**
 * A pairs file ({@code img1,img2,same}, paths under a folder; LFW's protocol) through a
 * model's serving pipeline: accuracy at the model's threshold, the best accuracy and its
 * threshold, AUC and EER, and every wrong decision at the threshold by kind, with the two
 * chips the encoder saw saved side by side so that a person can look at them. A pair with
 * an image the pipeline refused is answered "different", as the service would answer it.
 */
final class PairsBenchmark {

	/** Where failures' chips go under the output folder. */
	static final String FAILURES = "failures";

	private static final int GAP = 4;

	/**
	 * An encoded face this far from the centre, as a share of the shorter side, is off
	 * it.
	 */
	private static final double OFF_CENTRE = 0.2;

	record Settings(Path data, Path pairs, EncodeOptions options, Path out) {
	}

	record Pair(String first, String second, boolean same) {
	}

	/**
	 * One image through the pipeline: its embedding and faces, or the refusal's kind
	 * ({@code no_face}, …, or {@code error} for a failure of the pipeline itself).
	 */
	private record Outcome(float[] embedding, List<Face> faces, Placement placement, String refusal) {

		boolean encoded() {
			return this.embedding != null;
		}

	}

	/**
	 * Where the encoded face lies: the face nearest the image's centre and near it;
	 * another face than the nearest; or the nearest, yet more than {@link #OFF_CENTRE} of
	 * the image's shorter side from its centre (the detector likely missed the labelled
	 * person and found a bystander).
	 */
	enum Placement {

		CENTRAL(null, null), OTHER_FACE("other-face", "notCentralFace"), OFF_CENTRE("off-centre-face", "offCentreFace");

		final String kind;

		final String count;

		Placement(String kind, String count) {
			this.kind = kind;
			this.count = count;
		}

	}

	private final EncoderModel model;

	private final Settings settings;

	PairsBenchmark(EncoderModel model, Settings settings) {
		this.model = model;
		this.settings = settings;
	}

	Map<String, Object> run() throws IOException {
		List<Pair> pairs = read(this.settings.pairs());
		Map<String, Outcome> outcomes = new LinkedHashMap<>();
		long started = System.nanoTime();
		for (Pair pair : pairs) {
			outcomes.computeIfAbsent(pair.first(), this::encode);
			outcomes.computeIfAbsent(pair.second(), this::encode);
		}
		double msPerImage = (System.nanoTime() - started) / 1e6 / outcomes.size();
		double[] distances = pairs.stream().mapToDouble((pair) -> distance(outcomes, pair)).toArray();
		Roc roc = Roc.of(select(pairs, distances, true), select(pairs, distances, false));
		Files.createDirectories(this.settings.out().resolve(FAILURES));
		List<Map<String, Object>> failures = failures(pairs, distances, outcomes);
		Map<String, Object> report = report(pairs, distances, outcomes, roc, failures, msPerImage);
		ReportFiles.write(this.settings.out(), report, roc, this.model, this.settings.pairs());
		return report;
	}

	static List<Pair> read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		if (lines.isEmpty() || !lines.get(0).replace(" ", "").equalsIgnoreCase("img1,img2,same")) {
			throw new IllegalArgumentException(file + ": the first line must be img1,img2,same");
		}
		List<Pair> pairs = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty()) {
				continue;
			}
			String[] fields = line.split(",");
			if (fields.length != 3 || !fields[2].strip().matches("[01]")) {
				throw new IllegalArgumentException(
						"%s line %d: expected img1,img2,same (same 0 or 1): %s".formatted(file, i + 1, line));
			}
			pairs.add(new Pair(fields[0].strip(), fields[1].strip(), fields[2].strip().equals("1")));
		}
		if (pairs.isEmpty()) {
			throw new IllegalArgumentException(file + ": no pairs");
		}
		return pairs;
	}

	private Outcome encode(String image) {
		try {
			byte[] bytes = Files.readAllBytes(this.settings.data().resolve(image));
			Encoding encoding = this.model.encode(bytes, this.settings.options());
			return new Outcome(encoding.embedding().values(), encoding.faces(), placement(bytes, encoding.faces()),
					null);
		}
		catch (ImageRejectedException ex) {
			return new Outcome(null, null, null, ex.kind().name().toLowerCase(Locale.ROOT));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			return new Outcome(null, null, null, "error");
		}
	}

	/**
	 * Where the encoded face is, against LFW's framing (the labelled person in the
	 * centre): {@code CENTRAL} without detection or when the image cannot be measured.
	 */
	private static Placement placement(byte[] bytes, List<Face> faces) throws IOException {
		if (faces == null) {
			return Placement.CENTRAL;
		}
		int[] size = size(bytes);
		if (size == null) {
			// a format the service decodes and ImageIO does not: no centre to compare
			// with
			return Placement.CENTRAL;
		}
		double cx = size[0] / 2.0;
		double cy = size[1] / 2.0;
		ToDoubleFunction<Face> offset = (face) -> Math.hypot(face.box().x() + face.box().width() / 2 - cx,
				face.box().y() + face.box().height() / 2 - cy);
		Face nearest = faces.stream().min(Comparator.comparingDouble(offset)).orElseThrow();
		if (!nearest.encoded()) {
			return Placement.OTHER_FACE;
		}
		return (offset.applyAsDouble(nearest) > OFF_CENTRE * Math.min(size[0], size[1])) ? Placement.OFF_CENTRE
				: Placement.CENTRAL;
	}

	/** Width and height from the image's header, or null for a format ImageIO lacks. */
	private static int[] size(byte[] bytes) throws IOException {
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				return null;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input);
				return new int[] { reader.getWidth(0), reader.getHeight(0) };
			}
			finally {
				reader.dispose();
			}
		}
	}

	private double distance(Map<String, Outcome> outcomes, Pair pair) {
		Outcome first = outcomes.get(pair.first());
		Outcome second = outcomes.get(pair.second());
		if (!first.encoded() || !second.encoded()) {
			return Double.POSITIVE_INFINITY;
		}
		return this.model.metric().distance(first.embedding(), second.embedding());
	}

	private static double[] select(List<Pair> pairs, double[] distances, boolean same) {
		return IntStream.range(0, pairs.size())
			.filter((i) -> pairs.get(i).same() == same)
			.mapToDouble((i) -> distances[i])
			.toArray();
	}

	/** Every pair decided wrong at the model's threshold, its kind, and its chips. */
	private List<Map<String, Object>> failures(List<Pair> pairs, double[] distances, Map<String, Outcome> outcomes)
			throws IOException {
		List<Map<String, Object>> failures = new ArrayList<>();
		for (int i = 0; i < pairs.size(); i++) {
			Pair pair = pairs.get(i);
			boolean accepted = distances[i] <= this.model.threshold();
			if (accepted == pair.same()) {
				continue;
			}
			Outcome first = outcomes.get(pair.first());
			Outcome second = outcomes.get(pair.second());
			String kind = kind(pair, first, second);
			String chips = "%04d-%s.png".formatted(i + 1, kind);
			ImageIO.write(sideBySide(pair), "png", this.settings.out().resolve(FAILURES).resolve(chips).toFile());
			Map<String, Object> failure = new LinkedHashMap<>();
			failure.put("pair", i + 1);
			failure.put("img1", pair.first());
			failure.put("img2", pair.second());
			failure.put("same", pair.same());
			failure.put("kind", kind);
			failure.put("distance", Double.isFinite(distances[i]) ? round(distances[i]) : null);
			failure.put("facesFound", Arrays.asList(facesFound(first), facesFound(second)));
			failure.put("chips", FAILURES + "/" + chips);
			failures.add(failure);
		}
		return failures;
	}

	/**
	 * Why a pair went wrong, the first that applies: an image had no face, an image was
	 * refused otherwise, the pipeline failed, a face other than the most central one was
	 * encoded, the encoded face is far from the centre; else the encoder's distance was
	 * on the wrong side.
	 */
	private static String kind(Pair pair, Outcome first, Outcome second) {
		for (Outcome outcome : List.of(first, second)) {
			if ("no_face".equals(outcome.refusal())) {
				return "no-face";
			}
		}
		for (Outcome outcome : List.of(first, second)) {
			if (!outcome.encoded()) {
				return outcome.refusal().replace('_', '-');
			}
		}
		for (Placement placement : Placement.values()) {
			if (placement != Placement.CENTRAL && (first.placement() == placement || second.placement() == placement)) {
				return placement.kind;
			}
		}
		return pair.same() ? "genuine-rejected" : "impostor-accepted";
	}

	private static Integer facesFound(Outcome outcome) {
		return (outcome.faces() != null) ? outcome.faces().size() : (outcome.encoded() ? null : 0);
	}

	/**
	 * The two chips the encoder saw, encoded again with the inputs kept; grey when none.
	 */
	private BufferedImage sideBySide(Pair pair) throws IOException {
		BufferedImage first = chip(pair.first());
		BufferedImage second = chip(pair.second());
		int size = this.model.spec().card().input().height();
		BufferedImage both = new BufferedImage(2 * size + GAP, size, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = both.createGraphics();
		try {
			graphics.setColor(Color.GRAY);
			graphics.fillRect(0, 0, both.getWidth(), size);
			graphics.setColor(Color.WHITE);
			graphics.fillRect(size, 0, GAP, size);
			if (first != null) {
				graphics.drawImage(first, 0, 0, null);
			}
			if (second != null) {
				graphics.drawImage(second, size + GAP, 0, null);
			}
		}
		finally {
			graphics.dispose();
		}
		return both;
	}

	private BufferedImage chip(String image) throws IOException {
		try {
			return EncodedInput.picture(
					this.model.encode(Files.readAllBytes(this.settings.data().resolve(image)), this.settings.options())
						.input());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private Map<String, Object> report(List<Pair> pairs, double[] distances, Map<String, Outcome> outcomes, Roc roc,
			List<Map<String, Object>> failures, double msPerImage) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("model", this.model.name());
		report.put("modelVersion", this.model.version());
		report.put("metric", this.model.metric().id());
		report.put("pairsFile", this.settings.pairs().getFileName().toString());
		report.put("detect", this.settings.options().detect());
		report.put("face", this.settings.options().face().rule().name().toLowerCase(Locale.ROOT));
		long genuine = pairs.stream().filter(Pair::same).count();
		report.put("pairs", ordered("genuine", genuine, "impostor", pairs.size() - genuine));
		report.put("images", outcomes.size());
		Map<String, Long> refused = new LinkedHashMap<>();
		outcomes.values()
			.stream()
			.filter((outcome) -> !outcome.encoded())
			.forEach((outcome) -> refused.merge(outcome.refusal(), 1L, Long::sum));
		report.put("refused", refused);
		report.put("noFaceShare", round(refused.getOrDefault("no_face", 0L) / (double) outcomes.size()));
		for (Placement placement : List.of(Placement.OTHER_FACE, Placement.OFF_CENTRE)) {
			report.put(placement.count,
					outcomes.values().stream().filter((outcome) -> outcome.placement() == placement).count());
		}
		double[] atThreshold = roc.ratesAt(this.model.threshold());
		report.put("atModelThreshold",
				ordered("threshold", this.model.threshold(), "accuracy", round(roc.accuracyAt(this.model.threshold())),
						"far", round(atThreshold[0]), "frr", round(atThreshold[1])));
		double[] best = roc.bestAccuracy();
		report.put("best", ordered("accuracy", round(best[0]), "threshold", round(best[1])));
		double[] eer = roc.equalError();
		report.put("eer", ordered("eer", round(eer[0]), "threshold", round(eer[1])));
		report.put("auc", round(roc.auc()));
		report.put("distances", ordered("genuine", summary(select(pairs, distances, true)), "impostor",
				summary(select(pairs, distances, false))));
		Map<String, Long> byKind = new TreeMap<>();
		failures.forEach((failure) -> byKind.merge((String) failure.get("kind"), 1L, Long::sum));
		report.put("failuresByKind", byKind);
		report.put("failures", failures);
		report.put("encodeMsPerImage", Math.round(msPerImage * 100) / 100.0);
		return report;
	}

	/**
	 * Mean, median and 90th percentile of the finite distances (pairs with a face in
	 * both).
	 */
	private static Map<String, Object> summary(double[] distances) {
		double[] finite = Arrays.stream(distances).filter(Double::isFinite).sorted().toArray();
		if (finite.length == 0) {
			return ordered("pairs", 0);
		}
		return ordered("pairs", finite.length, "mean", round(Arrays.stream(finite).average().orElseThrow()), "p50",
				round(finite[(finite.length - 1) / 2]), "p90", round(finite[(int) Math.ceil(0.9 * finite.length) - 1]));
	}

	/** A map in the order given: key, value, key, value, … */
	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static double round(double value) {
		return Math.round(value * 1e6) / 1e6;
	}

}
