package io.siameseverify.encoder.card;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code model.json} and refuses a card that the service cannot honour: unknown
 * schema, pipeline or metric, impossible sizes, or files whose sha256 differs from the
 * card's.
 */
public final class ModelCardReader {

	static final int SCHEMA_VERSION = 1;

	private static final Set<String> PIPELINES = Set.of("face", "signature", "none");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ModelCardReader() {
	}

	public static ModelCard read(Path folder) {
		Path cardFile = folder.resolve("model.json");
		ModelCard card;
		try {
			card = JSON.readValue(cardFile.toFile(), ModelCard.class);
		}
		catch (JacksonException ex) {
			throw new InvalidModelException(cardFile + ": not a readable model card: " + ex.getOriginalMessage(), ex);
		}
		validate(card, cardFile);
		checkSha256(folder, card.file(), cardFile);
		if (card.auxiliaryModels() != null) {
			card.auxiliaryModels().values().forEach((aux) -> checkSha256(folder, aux, cardFile));
		}
		return card;
	}

	static void validate(ModelCard card, Path cardFile) {
		expect(card.schemaVersion() == SCHEMA_VERSION, cardFile, "schemaVersion", SCHEMA_VERSION, card.schemaVersion());
		expect(card.name() != null && card.version() != null, cardFile, "name and version", "present",
				card.name() + "/" + card.version());
		expect(card.file() != null && card.file().path() != null && card.file().sha256() != null, cardFile, "file",
				"{path, sha256}", card.file());
		expect(card.metric() != null && Metric.isKnown(card.metric()), cardFile, "metric", "euclidean or cosine",
				card.metric());
		expect(card.preprocessing() != null && PIPELINES.contains(card.preprocessing().pipeline()), cardFile,
				"preprocessing.pipeline", PIPELINES, card.preprocessing());
		ModelCard.Input input = card.input();
		expect(input != null && input.width() > 0 && input.height() > 0, cardFile, "input width and height", "positive",
				input);
		expect(input.channels() == 1 || input.channels() == 3, cardFile, "input.channels", "1 or 3", input.channels());
		expect(card.embedding() != null && card.embedding().size() > 0, cardFile, "embedding.size", "positive",
				card.embedding());
		expect(card.threshold() != null && card.threshold().chosenOn() != null, cardFile, "threshold",
				"{value, chosenOn}", card.threshold());
		Metric metric = Metric.of(card.metric());
		expect(metric.isValidThreshold(card.threshold().value()), cardFile, "threshold.value",
				"within " + metric.range(), card.threshold().value());
		ModelCard.SubjectVerification verification = card.subjectVerification();
		if (verification != null) {
			expect(verification.chosenOn() != null, cardFile, "subjectVerification.chosenOn", "the data that chose it",
					null);
			try {
				SubjectRule rule = SubjectRule.of(String.valueOf(verification.rule()), verification.k(),
						verification.threshold());
				expect(rule.isValidThreshold(metric, rule.threshold()), cardFile, "subjectVerification.threshold",
						"a score of rule " + rule.label(), rule.threshold());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidModelException("%s: subjectVerification: %s".formatted(cardFile, ex.getMessage()));
			}
		}
	}

	private static void expect(boolean condition, Path cardFile, String field, Object expected, Object actual) {
		if (!condition) {
			throw new InvalidModelException(
					"%s: %s expected %s, actual %s".formatted(cardFile, field, expected, actual));
		}
	}

	private static void checkSha256(Path folder, ModelCard.FileRef file, Path cardFile) {
		String actual = sha256(folder.resolve(file.path()));
		if (!actual.equalsIgnoreCase(file.sha256())) {
			throw new InvalidModelException(
					"%s: %s sha256 expected %s, actual %s".formatted(cardFile, file.path(), file.sha256(), actual));
		}
	}

	static String sha256(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 16];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new InvalidModelException(file + ": cannot be read: " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
