package io.siameseverify.encoder.face;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.siameseverify.encoder.Golden;
import io.siameseverify.encoder.card.ModelCardReader;
import io.siameseverify.encoder.image.Decoders;
import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.runtime.InferenceWorkers;
import io.siameseverify.encoder.runtime.TorchScriptNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second look the detector takes when it finds faces but none near the centre. The
 * golden photo's three faces all lie in its upper part, more than a fifth of its side
 * from the centre, so the second look runs and finds them again: each must be reported
 * once, best score first (the LFW frames in which this look finds a missed central face
 * are team data: docs/calibration.md and the face card's LFW check).
 */
class OffCentreDetectionTests {

	@Test
	void detectWhenNoFaceIsNearTheCentreShouldAddTheSecondLooksFacesWithoutRepeatingAny() throws IOException {
		Pixels photo = Decoders.pixels(Decoders.decoder(), Golden.bytes(Golden.FACE, "sample1-detector.png"));
		DetectorSettings settings = DetectorSettings.of(ModelCardReader.read(Golden.FACE),
				Golden.FACE.resolve("model.json"));
		try (InferenceWorkers workers = new InferenceWorkers(1, Duration.ofSeconds(5));
				TorchScriptNetwork network = new TorchScriptNetwork(Golden.FACE.resolve("detector.pt").toAbsolutePath(),
						workers)) {
			List<Box> faces = new FaceDetector(network, settings).detect(photo);
			assertThat(faces).hasSize(3);
			assertThat(faces).as("no face near the centre: the second look ran")
				.allMatch((box) -> box.offsetFromCentre(photo) > 0.2 * photo.width());
			for (int i = 0; i < faces.size(); i++) {
				for (int j = i + 1; j < faces.size(); j++) {
					assertThat(faces.get(i).iou(faces.get(j))).as("faces %d and %d overlap", i, j).isLessThan(0.3);
				}
				if (i > 0) {
					assertThat(faces.get(i).score()).isLessThanOrEqualTo(faces.get(i - 1).score());
				}
			}
		}
	}

}
