package io.siameseverify.encoder.face;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.Face;
import io.siameseverify.encoder.Golden;
import io.siameseverify.encoder.Preprocessor;
import io.siameseverify.encoder.card.ModelCardReader;
import io.siameseverify.encoder.image.Decoders;
import io.siameseverify.encoder.image.ImageDecoder;
import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.image.RgbTensors;
import io.siameseverify.encoder.runtime.InferenceWorkers;
import io.siameseverify.encoder.runtime.Tensor;
import io.siameseverify.encoder.runtime.TorchScriptNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The real TorchScript face networks, loaded through DJL, against face-api's own outputs
 * on the golden inputs (the Python side holds them to the same 1e-4).
 */
class FaceModelsTests {

	private static final double TOLERANCE = 1e-4;

	private static final ImageDecoder decoder = Decoders.decoder();

	/** The detector's settings, from the face card like the service reads them. */
	private static final DetectorSettings DETECTOR = DetectorSettings.of(ModelCardReader.read(Golden.FACE),
			Golden.FACE.resolve("model.json"));

	private static final InferenceWorkers WORKERS = new InferenceWorkers(1, Duration.ofSeconds(5));

	private static TorchScriptNetwork encoder;

	private static TorchScriptNetwork detector;

	private static TorchScriptNetwork landmarks;

	@BeforeAll
	static void load() {
		encoder = network("model.pt");
		detector = network("detector.pt");
		landmarks = network("landmarks.pt");
	}

	@AfterAll
	static void close() {
		encoder.close();
		detector.close();
		landmarks.close();
		WORKERS.close();
	}

	private static TorchScriptNetwork network(String file) {
		return new TorchScriptNetwork(Golden.FACE.resolve(file).toAbsolutePath(), WORKERS);
	}

	@Test
	void networksWhenGoldenInputsShouldMatchFaceApiWithin1e4() {
		for (JsonNode c : Golden.reference(Golden.FACE).get("cases")) {
			Pixels pixels = Decoders.pixels(decoder, Golden.bytes(Golden.FACE, c.get("input").asString()));
			TorchScriptNetwork network = switch (c.get("net").asString()) {
				case "encoder" -> encoder;
				case "detector" -> detector;
				default -> landmarks;
			};
			float[] actual = network.run(RgbTensors.toNchw(pixels.rgb(), pixels.width(), pixels.height())).data();
			float[] expected = Golden.floats(c.get("output"));
			assertThat(actual).as(c.get("input").asString()).hasSameSizeAs(expected);
			for (int i = 0; i < actual.length; i++) {
				assertThat((double) actual[i]).as("%s[%d]", c.get("input").asString(), i)
					.isCloseTo(expected[i], within(TOLERANCE));
			}
		}
	}

	@Test
	void detectorDecodingWhenFaceApisOutputShouldFindFaceApisFaces() {
		JsonNode golden = Golden.reference(Golden.FACE).get("cases").get(0);
		assertThat(golden.get("net").asString()).isEqualTo("detector");
		Tensor raw = new Tensor(Golden.floats(golden.get("output")), new long[] { 1, 25, 13, 13 });
		FaceDetector decoding = new FaceDetector(detector, DETECTOR);
		List<Box> found = decoding.nonMaxSuppression(decoding.decode(raw, 1.0));
		List<double[]> expected = new ArrayList<>();
		golden.get("detections")
			.forEach((d) -> expected.add(new double[] { d.get("score").asDouble(), d.get("box").get(0).asDouble(),
					d.get("box").get(1).asDouble(), d.get("box").get(2).asDouble(), d.get("box").get(3).asDouble() }));
		assertThat(found).hasSize(expected.size());
		for (int i = 0; i < found.size(); i++) {
			Box box = found.get(i);
			double[] want = expected.get(i);
			assertThat(box.score()).isCloseTo(want[0], within(1e-5));
			assertThat(new double[] { box.x(), box.y(), box.width(), box.height() })
				.containsExactly(new double[] { want[1], want[2], want[3], want[4] }, within(1e-5));
		}
	}

	@Test
	void faceWhenGoldenPhotoShouldBeFoundAndEncodedAfterAlignment() {
		Pixels photo = Decoders.pixels(decoder, Golden.bytes(Golden.FACE, "sample1-detector.png"));
		Timer detectTimer = Timer.builder("detect").register(new SimpleMeterRegistry());
		FacePreprocessor faces = new FacePreprocessor(new FaceDetector(detector, DETECTOR),
				new FaceLandmarker(landmarks,
						DetectorSettings.landmarksInputSize(ModelCardReader.read(Golden.FACE), Golden.FACE)),
				FaceAlignment.DLIB_CHIP, 150, true, detectTimer);
		Preprocessor.Prepared prepared = faces.prepare(photo, EncodeOptions.DEFAULTS);
		assertThat(prepared.faces()).hasSize(3);
		// Python's detector found these scores (models/face/golden/reference.json); the
		// largest box, the second, is encoded and alone carries landmarks
		assertThat(prepared.faces()).extracting(Face::score).containsExactly(0.817, 0.774, 0.695);
		assertThat(prepared.faces()).extracting(Face::encoded).containsExactly(false, true, false);
		Face encoded = prepared.faces().get(1);
		assertThat(encoded.landmarks()).hasSize(5).allSatisfy((point) -> {
			assertThat(point[0]).isBetween(encoded.box().x(), encoded.box().x() + encoded.box().width());
			assertThat(point[1]).isBetween(encoded.box().y(), encoded.box().y() + encoded.box().height());
		});
		assertThat(encoded.landmarks().get(0)[0]).as("left eye left of the right eye")
			.isLessThan(encoded.landmarks().get(1)[0]);
		assertThat(prepared.faces().get(0).landmarks()).isNull();
		assertThat(detectTimer.count()).isOne();
		assertThat(prepared.tensor().shape()).containsExactly(1, 3, 150, 150);
		assertThat(encoder.run(prepared.tensor()).data()).hasSize(128);
	}

	static Path face() {
		return Golden.FACE;
	}

}
