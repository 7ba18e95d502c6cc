package io.siameseverify.calibration;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import io.siameseverify.SiameseVerifyApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The calibrate command on the real models: on generated folders always, and on the
 * AT&T/ORL faces when the team data is present, where it must reproduce the Python
 * pipeline's figures.
 */
class CalibrateCommandTests {

	private static final Path ORL = Path.of("../shared/data/orl");

	private static final Path LFW = Path.of("../shared/data/faces-lfw-view1/deepfunneled");

	private static final Path CEDAR = Path.of("../shared/data/signatures-cedar");

	@Test
	void calibrateWhenFoldersOfSignaturesShouldWriteReportAndPlot(@TempDir Path temp) throws Exception {
		Path data = temp.resolve("data");
		for (String writer : new String[] { "a", "b" }) {
			Files.createDirectories(data.resolve(writer));
		}
		Path golden = Path.of("models/signature/golden");
		Files.copy(golden.resolve("thick-pen.png"), data.resolve("a/1.png"));
		Files.copy(golden.resolve("thin-stylus.png"), data.resolve("a/2.png"));
		Files.copy(golden.resolve("other-writer.png"), data.resolve("b/1.png"));
		Files.copy(golden.resolve("other-writer-canvas.png"), data.resolve("b/2.png"));
		Path out = temp.resolve("out");
		Run run = Run.of("calibrate", "--model", "signature", "--data", data.toString(), "--out", out.toString());
		assertThat(run.status()).isZero();
		JsonNode report = JsonMapper.builder().build().readTree(out.resolve("report.json").toFile());
		// standard output is the report and nothing else: the logs went to standard error
		assertThat(JsonMapper.builder().build().readTree(run.out())).isEqualTo(report);
		assertThat(run.err()).contains("written: " + out.resolve("report.json"));
		assertThat(report.get("encoded").asInt()).isEqualTo(4);
		assertThat(report.get("pairs").get("genuine").asInt()).isEqualTo(2);
		assertThat(report.get("pairs").get("impostor").asInt()).isEqualTo(4);
		assertThat(Files.readAllBytes(out.resolve("roc.png"))).startsWith(0x89, 'P', 'N', 'G');
	}

	@Test
	@EnabledIf(value = "orlPresent", disabledReason = "team data absent: ../shared/data/orl (AT&T/ORL faces)")
	void calibrateWhenOrlCropsWithoutDetectionShouldReproducePythonsFigures(@TempDir Path temp) throws Exception {
		CalibrateCommand.run(SiameseVerifyApplication.class, new String[] { "calibrate", "--model", "face", "--data",
				ORL.toString(), "--detect", "false", "--out", temp.toString() });
		JsonNode report = JsonMapper.builder().build().readTree(temp.resolve("report.json").toFile());
		// measured by siamese_training evaluate, as the card's check says
		JsonNode expected = faceCardCheck("orl");
		assertThat(report.get("eer").get("eer").asDouble()).isCloseTo(expected.get("eer").asDouble(), within(1e-3));
		assertThat(report.get("atModelThreshold").get("far").asDouble())
			.isCloseTo(expected.at("/atThreshold/far").asDouble(), within(1e-3));
		assertThat(report.get("atModelThreshold").get("frr").asDouble())
			.isCloseTo(expected.at("/atThreshold/frr").asDouble(), within(1e-3));
	}

	/** The face card's threshold check on the data named first in its description. */
	private static JsonNode faceCardCheck(String data) {
		JsonNode card = JsonMapper.builder().build().readTree(Path.of("models/face/model.json").toFile());
		for (JsonNode check : card.at("/threshold/checks")) {
			if (check.get("data").asString().startsWith(data)) {
				return check;
			}
		}
		throw new AssertionError("the face card has no check on " + data);
	}

	/**
	 * The signature card's figures for one set's test writers, through the serving
	 * pipeline: the writers and the figures are read from the card, the data from the
	 * team set, and every impostor kind must come out as the Python evaluation measured
	 * it.
	 */
	@Test
	@EnabledIf(value = "cedarPresent", disabledReason = "team data absent: ../shared/data/signatures-cedar")
	void calibrateOnTheCardsTestWritersShouldReproduceItsFigures(@TempDir Path temp) throws Exception {
		JsonNode card = JsonMapper.builder().build().readTree(Path.of("models/signature/model.json").toFile());
		String set = "cedar";
		List<String> writers = new ArrayList<>();
		for (JsonNode writer : card.at("/training/writers/test")) {
			if (writer.asString().startsWith(set + "/")) {
				writers.add(writer.asString().substring(set.length() + 1));
			}
		}
		assertThat(writers).as("test writers of %s in the card", set).isNotEmpty();
		CalibrateCommand.run(SiameseVerifyApplication.class,
				new String[] { "calibrate", "--model", "signature", "--data", CEDAR.toString(), "--forgeries",
						"forged_", "--classes", String.join(",", writers), "--out", temp.toString() });
		JsonNode report = JsonMapper.builder().build().readTree(temp.resolve("report.json").toFile());
		JsonNode expected = card.at("/threshold/test/" + set);
		assertThat(expected.isObject()).as("the card's test figures for %s", set).isTrue();
		for (String kind : List.of("skilled", "random")) {
			JsonNode measured = report.at("/byKind/" + kind);
			assertThat(measured.at("/eer/eer").asDouble()).as("%s EER", kind)
				.isCloseTo(expected.at("/" + kind + "/eer").asDouble(), within(1e-3));
			assertThat(measured.at("/atModelThreshold/far").asDouble()).as("%s FAR", kind)
				.isCloseTo(expected.at("/" + kind + "/far").asDouble(), within(1e-3));
			assertThat(measured.at("/atModelThreshold/frr").asDouble()).as("%s FRR", kind)
				.isCloseTo(expected.at("/" + kind + "/frr").asDouble(), within(1e-3));
		}
	}

	/**
	 * A pairs file on the real face model: a photo against its copy (accepted), against a
	 * blank image (no face: answered "different", so the genuine pair fails as
	 * {@code no-face} and its chips are saved) and as an impostor pair against the blank
	 * (rightly rejected).
	 */
	@Test
	void calibrateWhenPairsFileShouldScoreEveryPairAndSaveTheFailuresChips(@TempDir Path temp) throws Exception {
		Path data = temp.resolve("data");
		Files.createDirectories(data.resolve("people"));
		Path photo = Path.of("models/face/golden/sample1-detector.png");
		Files.copy(photo, data.resolve("people/a.png"));
		Files.copy(photo, data.resolve("people/a-copy.png"));
		BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
		ImageIO.write(blank, "png", data.resolve("people/blank.png").toFile());
		Path pairs = temp.resolve("pairs.csv");
		Files.writeString(pairs, """
				img1,img2,same
				people/a.png,people/a-copy.png,1
				people/a.png,people/blank.png,1
				people/a-copy.png,people/blank.png,0
				""");
		Path out = temp.resolve("out");
		Run run = Run.of("calibrate", "--model", "face", "--face", "central", "--data", data.toString(), "--pairs",
				pairs.toString(), "--out", out.toString());
		assertThat(run.status()).as(run.err()).isZero();
		JsonNode report = JsonMapper.builder().build().readTree(out.resolve("report.json").toFile());
		assertThat(report.get("face").asString()).isEqualTo("central");
		assertThat(report.get("images").asInt()).isEqualTo(3);
		assertThat(report.at("/refused/no_face").asInt()).isOne();
		assertThat(report.at("/atModelThreshold/accuracy").asDouble()).isCloseTo(2.0 / 3, within(1e-6));
		assertThat(report.at("/atModelThreshold/frr").asDouble()).isCloseTo(0.5, within(1e-6));
		assertThat(report.at("/atModelThreshold/far").asDouble()).isZero();
		assertThat(report.at("/failuresByKind/no-face").asInt()).isOne();
		JsonNode failure = report.get("failures").get(0);
		assertThat(failure.get("pair").asInt()).isEqualTo(2);
		assertThat(failure.get("distance").isNull()).isTrue();
		assertThat(failure.get("facesFound").get(1).asInt()).isZero();
		BufferedImage chips = ImageIO.read(out.resolve(failure.get("chips").asString()).toFile());
		// the photo's chip beside a grey square for the image without a face
		assertThat(chips.getWidth()).isEqualTo(2 * 150 + 4);
		assertThat(chips.getRGB(150 + 4 + 75, 75) & 0xFFFFFF).isEqualTo(0x808080);
		assertThat(chips.getRGB(75, 75) & 0xFFFFFF).isNotEqualTo(0x808080);
	}

	/**
	 * The face card's LFW View 1 figures, through the serving pipeline, as the card's
	 * check states them (the pairs and images are team data).
	 */
	@Test
	@EnabledIf(value = "lfwPresent", disabledReason = "team data absent: ../shared/data/faces-lfw-view1")
	void calibrateOnLfwView1PairsShouldReproduceTheCardsFigures(@TempDir Path temp) throws Exception {
		JsonNode expected = faceCardCheck("LFW View 1");
		Run run = Run.of("calibrate", "--model", "face", "--face", "central", "--data",
				LFW.resolve("images").toString(), "--pairs", LFW.resolve("pairs.csv").toString(), "--out",
				temp.toString());
		assertThat(run.status()).as(run.err()).isZero();
		JsonNode report = JsonMapper.builder().build().readTree(temp.resolve("report.json").toFile());
		assertThat(report.get("images").asInt()).isEqualTo(expected.get("images").asInt());
		assertThat(report.at("/refused/no_face").asInt(0)).isEqualTo(expected.get("imagesWithoutFace").asInt());
		assertThat(report.get("offCentreFace").asInt()).isEqualTo(expected.get("imagesWithFaceOffCentre").asInt());
		assertThat(report.at("/atModelThreshold/accuracy").asDouble()).isCloseTo(expected.get("accuracy").asDouble(),
				within(1e-6));
		assertThat(report.at("/atModelThreshold/far").asDouble()).isCloseTo(expected.at("/atThreshold/far").asDouble(),
				within(1e-6));
		assertThat(report.at("/atModelThreshold/frr").asDouble()).isCloseTo(expected.at("/atThreshold/frr").asDouble(),
				within(1e-6));
		assertThat(report.at("/best/accuracy").asDouble()).isCloseTo(expected.get("bestAccuracy").asDouble(),
				within(1e-6));
		assertThat(report.get("auc").asDouble()).isCloseTo(expected.get("auc").asDouble(), within(5e-5));
		assertThat(report.at("/eer/eer").asDouble()).isCloseTo(expected.get("eer").asDouble(), within(1e-6));
	}

	@Test
	void pairsFileWithoutItsHeaderShouldFailInOneLine(@TempDir Path temp) throws Exception {
		Path pairs = temp.resolve("pairs.csv");
		Files.writeString(pairs, "a.png,b.png,1\n");
		Run run = Run.of("calibrate", "--model", "face", "--data", temp.toString(), "--pairs", pairs.toString(),
				"--out", temp.resolve("out").toString());
		assertThat(run.status()).isOne();
		assertThat(run.err()).contains("calibrate: ", "img1,img2,same").doesNotContain("\tat ");
	}

	@Test
	void helpShouldListTheOptionsOnStandardOutput() {
		Run run = Run.of("calibrate", "--help");
		assertThat(run.status()).isZero();
		assertThat(run.out()).contains("Usage: calibrate", "--model", "--data", "--pairs", "--face", "--forgeries",
				"--max-impostor-pairs");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void unknownOptionShouldBeRefusedWithoutStartingAnything() {
		Run run = Run.of("calibrate", "--model", "face", "--data", ".", "--treshold", "0.5");
		assertThat(run.status()).isEqualTo(2);
		assertThat(run.err()).contains("Unknown options: '--treshold'").doesNotContain("Exception");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void missingDataFolderShouldFailInOneLine(@TempDir Path temp) {
		Run run = Run.of("calibrate", "--model", "signature", "--data", temp.resolve("nowhere").toString(), "--out",
				temp.resolve("out").toString());
		assertThat(run.status()).isOne();
		assertThat(run.err()).contains("calibrate: ").doesNotContain("\tat ");
		assertThat(run.out()).isEmpty();
	}

	/** The command run in this JVM, with its standard output and error captured. */
	private record Run(int status, String out, String err) {

		static Run of(String... args) {
			PrintStream out = System.out;
			PrintStream err = System.err;
			ByteArrayOutputStream stdout = new ByteArrayOutputStream();
			ByteArrayOutputStream stderr = new ByteArrayOutputStream();
			System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
			try {
				int status = CalibrateCommand.run(SiameseVerifyApplication.class, args);
				return new Run(status, stdout.toString(StandardCharsets.UTF_8),
						stderr.toString(StandardCharsets.UTF_8));
			}
			finally {
				System.setOut(out);
				System.setErr(err);
			}
		}

	}

	static boolean orlPresent() {
		return Files.isDirectory(ORL);
	}

	static boolean lfwPresent() {
		return Files.isRegularFile(LFW.resolve("pairs.csv"));
	}

	static boolean cedarPresent() {
		return Files.isDirectory(CEDAR);
	}

}
