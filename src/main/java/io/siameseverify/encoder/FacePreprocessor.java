package io.siameseverify.encoder;

import java.util.Comparator;
import java.util.List;

/**
 * The card's "face" pipeline: detect, keep the largest face, find its 68 landmarks, align
 * it to the encoder's chip. With detection off the image is taken as an already-cropped
 * face.
 */
final class FacePreprocessor implements Preprocessor {

	private final FaceDetector detector;

	private final FaceLandmarker landmarker;

	private final FaceAlignment alignment;

	private final FaceCropPreprocessor crop;

	private final int size;

	private final boolean detectByDefault;

	FacePreprocessor(FaceDetector detector, FaceLandmarker landmarker, FaceAlignment alignment, int size,
			boolean detectByDefault) {
		this.detector = detector;
		this.landmarker = landmarker;
		this.alignment = alignment;
		this.crop = new FaceCropPreprocessor(size);
		this.size = size;
		this.detectByDefault = detectByDefault;
	}

	@Override
	public Prepared prepare(Pixels image, EncodeOptions options) {
		if (!options.detectOr(this.detectByDefault)) {
			return new Prepared(this.crop.prepare(image), 0);
		}
		List<Box> faces = this.detector.detect(image);
		Box largest = faces.stream()
			.max(Comparator.comparingDouble(Box::area))
			.orElseThrow(() -> new ImageRejectedException(ImageRejectedException.Kind.NO_FACE,
					"no face detected; send a photo with a visible face, or detect=false for an already-cropped face"));
		double[] landmarks = this.landmarker.locate(image, largest);
		return new Prepared(this.alignment.chip(image, landmarks, this.size), faces.size());
	}

}
