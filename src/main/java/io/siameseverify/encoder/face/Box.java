package io.siameseverify.encoder.face;

import io.siameseverify.encoder.image.Pixels;

/**
 * An axis-aligned box in pixels of the upright image, with the detector's score.
 */
public record Box(double x, double y, double width, double height, double score) {

	double area() {
		return Math.max(0, this.width) * Math.max(0, this.height);
	}

	/** How far the box's centre lies from the image's, in pixels. */
	double offsetFromCentre(Pixels image) {
		return Math.hypot(this.x + this.width / 2 - image.width() / 2.0,
				this.y + this.height / 2 - image.height() / 2.0);
	}

	double iou(Box other) {
		double left = Math.max(this.x, other.x);
		double top = Math.max(this.y, other.y);
		double right = Math.min(this.x + this.width, other.x + other.width);
		double bottom = Math.min(this.y + this.height, other.y + other.height);
		double intersection = Math.max(0, right - left) * Math.max(0, bottom - top);
		double union = area() + other.area() - intersection;
		return (union > 0) ? intersection / union : 0;
	}

}
