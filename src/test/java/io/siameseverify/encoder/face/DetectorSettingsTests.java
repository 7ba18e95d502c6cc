package io.siameseverify.encoder.face;

import java.nio.file.Path;
import java.util.List;

import io.siameseverify.encoder.card.InvalidModelException;
import io.siameseverify.encoder.card.ModelCard;
import io.siameseverify.encoder.card.ModelCardReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The detector's settings come from the card, whole, or the model is refused. */
class DetectorSettingsTests {

	private static final Path FACE = Path.of("models/face");

	@Test
	void settingsWhenReadFromTheShippedCardShouldBeFaceApisTinyDetector() {
		ModelCard card = ModelCardReader.read(FACE);
		DetectorSettings settings = DetectorSettings.of(card, FACE.resolve("model.json"));
		assertThat(settings.inputSize()).isEqualTo(416);
		assertThat(settings.anchors()).hasDimensions(5, 2);
		assertThat(settings.anchors()[0]).containsExactly(1.603231, 2.094468);
		assertThat(settings.scoreThreshold()).isEqualTo(0.5);
		assertThat(settings.nmsThreshold()).isEqualTo(0.4);
		assertThat(DetectorSettings.landmarksInputSize(card, FACE)).isEqualTo(112);
	}

	@Test
	void aDetectStepWithoutAnchorsShouldBeRefusedNamingWhatIsMissing() {
		ModelCard card = withSteps(new ModelCard.Step("detect", 416, null, 0.5, 0.4, null));
		assertThatThrownBy(() -> DetectorSettings.of(card, Path.of("m/model.json")))
			.isInstanceOf(InvalidModelException.class)
			.hasMessageContaining("m/model.json")
			.hasMessageContaining("anchors");
	}

	@Test
	void aCardWithoutADetectStepShouldBeRefused() {
		ModelCard card = withSteps(new ModelCard.Step("landmarks", 112, null, null, null, null));
		assertThatThrownBy(() -> DetectorSettings.of(card, Path.of("m/model.json")))
			.isInstanceOf(InvalidModelException.class)
			.hasMessageContaining("\"detect\"");
	}

	private static ModelCard withSteps(ModelCard.Step... steps) {
		ModelCard shipped = ModelCardReader.read(FACE);
		return new ModelCard(shipped.schemaVersion(), shipped.name(), shipped.version(), shipped.file(),
				shipped.auxiliaryModels(), shipped.input(),
				new ModelCard.Preprocessing(shipped.preprocessing().pipeline(), List.of(steps)), shipped.embedding(),
				shipped.metric(), shipped.threshold(), shipped.subjectVerification());
	}

}
