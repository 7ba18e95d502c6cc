package io.siameseverify.encoder.face;

import java.util.Comparator;
import java.util.List;

import io.micrometer.core.instrument.Timer;
import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.Face;
import io.siameseverify.encoder.Preprocessor;
import io.siameseverify.encoder.image.ImageRejectedException;
import io.siameseverify.encoder.image.Pixels;

/**
 * The card's "face" pipeline: detect, choose a face (the largest, unless the request says
 * otherwise), find its 68 landmarks, align it to the encoder's chip. With detection off
 * the image is taken as an already-cropped face.
 */
public final class FacePreprocessor implements Preprocessor {

	private final FaceDetector detector;

	private final FaceLandmarker landmarker;

	private final FaceAlignment alignment;

	private final FaceCropPreprocessor crop;

	private final int size;

	private final boolean detectByDefault;

	private final Timer detectTimer;

	public FacePreprocessor(FaceDetector detector, FaceLandmarker landmarker, FaceAlignment alignment, int size,
			boolean detectByDefault, Timer detectTimer) {
		this.detector = detector;
		this.landmarker = landmarker;
		this.alignment = alignment;
		this.crop = new FaceCropPreprocessor(size);
		this.size = size;
		this.detectByDefault = detectByDefault;
		this.detectTimer = detectTimer;
	}

	@Override
	public Prepared prepare(Pixels image, EncodeOptions options) {
		if (!options.detectOr(this.detectByDefault)) {
			return Prepared.of(this.crop.prepare(image));
		}
		Detected detected = this.detectTimer.record(() -> detect(image, options.face()));
		return new Prepared(this.alignment.chip(image, detected.landmarks(), this.size), detected.faces());
	}

	private Detected detect(Pixels image, EncodeOptions.FaceChoice choice) {
		List<Box> boxes = this.detector.detect(image);
		if (boxes.isEmpty()) {
			throw new ImageRejectedException(ImageRejectedException.Kind.NO_FACE,
					"no face detected; send a photo with a visible face, or detect=false for an already-cropped face");
		}
		Box chosen = choose(boxes, choice, image);
		double[] landmarks = this.landmarker.locate(image, chosen);
		List<Face> faces = boxes.stream()
			.map((box) -> face(box, (box == chosen) ? fivePoints(landmarks) : null))
			.toList();
		return new Detected(landmarks, faces);
	}

	/** The face the request asked for, among at least one. */
	private static Box choose(List<Box> boxes, EncodeOptions.FaceChoice choice, Pixels image) {
		return switch (choice.rule()) {
			case LARGEST -> boxes.stream().max(Comparator.comparingDouble(Box::area)).orElseThrow();
			case BEST -> boxes.stream().max(Comparator.comparingDouble(Box::score)).orElseThrow();
			case CENTRAL -> central(boxes, image);
			case ONLY -> {
				if (boxes.size() > 1) {
					throw new ImageRejectedException(ImageRejectedException.Kind.MULTIPLE_FACES,
							"%d faces detected where one was expected (face=only)".formatted(boxes.size()));
				}
				yield boxes.get(0);
			}
			case INDEX -> {
				if (choice.index() >= boxes.size()) {
					throw new ImageRejectedException(ImageRejectedException.Kind.NO_FACE,
							"face %d asked for, %d detected (indices from 0)".formatted(choice.index(), boxes.size()));
				}
				yield boxes.get(choice.index());
			}
		};
	}

	private static Box central(List<Box> boxes, Pixels image) {
		return boxes.stream().min(Comparator.comparingDouble((box) -> box.offsetFromCentre(image))).orElseThrow();
	}

	private static Face face(Box box, List<double[]> landmarks) {
		return new Face(new Face.Region(tenth(box.x()), tenth(box.y()), tenth(box.width()), tenth(box.height())),
				Math.round(box.score() * 1000) / 1000.0, landmarks, landmarks != null);
	}

	/**
	 * The five points of the 68 (iBUG numbering from 0): the means of 36–41 and 42–47
	 * (eyes), 30 (nose tip), 48 and 54 (mouth corners).
	 */
	private static List<double[]> fivePoints(double[] landmarks) {
		return List.of(mean(landmarks, 36, 41), mean(landmarks, 42, 47), mean(landmarks, 30, 30),
				mean(landmarks, 48, 48), mean(landmarks, 54, 54));
	}

	private static double[] mean(double[] landmarks, int first, int last) {
		double x = 0;
		double y = 0;
		for (int i = first; i <= last; i++) {
			x += landmarks[2 * i];
			y += landmarks[2 * i + 1];
		}
		int n = last - first + 1;
		return new double[] { tenth(x / n), tenth(y / n) };
	}

	private static double tenth(double pixels) {
		return Math.round(pixels * 10) / 10.0;
	}

	/** The encoded face's 68 landmarks, and every face found. */
	private record Detected(double[] landmarks, List<Face> faces) {
	}

}
