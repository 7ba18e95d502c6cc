package io.siameseverify.encoder.face;

import java.util.Comparator;
import java.util.List;

import io.micrometer.core.instrument.Timer;
import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.Preprocessor;
import io.siameseverify.encoder.image.ImageRejectedException;
import io.siameseverify.encoder.image.Pixels;

/**
 * The card's "face" pipeline: detect, keep the largest face, find its 68 landmarks, align
 * it to the encoder's chip. With detection off the image is taken as an already-cropped
 * face.
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
			return new Prepared(this.crop.prepare(image), 0);
		}
		Detected detected = this.detectTimer.record(() -> detect(image));
		return new Prepared(this.alignment.chip(image, detected.landmarks(), this.size), detected.faces());
	}

	private Detected detect(Pixels image) {
		List<Box> faces = this.detector.detect(image);
		Box largest = faces.stream()
			.max(Comparator.comparingDouble(Box::area))
			.orElseThrow(() -> new ImageRejectedException(ImageRejectedException.Kind.NO_FACE,
					"no face detected; send a photo with a visible face, or detect=false for an already-cropped face"));
		return new Detected(this.landmarker.locate(image, largest), faces.size());
	}

	/** The largest face's 68 landmarks, and how many faces were found. */
	private record Detected(double[] landmarks, int faces) {
	}

}
