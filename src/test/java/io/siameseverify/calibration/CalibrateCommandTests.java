package io.siameseverify.calibration;

import java.nio.file.Files;
import java.nio.file.Path;

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
		int status = CalibrateCommand.run(SiameseVerifyApplication.class, new String[] { "calibrate", "--model",
				"signature", "--data", data.toString(), "--out", out.toString() });
		assertThat(status).isZero();
		JsonNode report = JsonMapper.builder().build().readTree(out.resolve("report.json").toFile());
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
		// models/face/model.json, threshold.checks[0], measured by siamese_training
		// evaluate
		assertThat(report.get("eer").get("eer").asDouble()).isCloseTo(0.135, within(1e-3));
		assertThat(report.get("atModelThreshold").get("far").asDouble()).isCloseTo(0.6095, within(1e-3));
		assertThat(report.get("atModelThreshold").get("frr").asDouble()).isCloseTo(0.0133, within(1e-3));
	}

	static boolean orlPresent() {
		return Files.isDirectory(ORL);
	}

}
