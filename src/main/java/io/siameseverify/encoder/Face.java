package io.siameseverify.encoder;

import java.util.List;

/**
 * A face the detector found in an image, in pixels of the upright image: its box, the
 * detector's score, and whether it is the one that was encoded (the largest). Only the
 * encoded face carries landmarks, five points derived from the 68 the alignment used: the
 * centres of the left and right eye (as seen in the image), the tip of the nose, and the
 * left and right corner of the mouth.
 */
public record Face(Region box, double score, List<double[]> landmarks, boolean encoded) {

	public Face {
		landmarks = (landmarks != null) ? List.copyOf(landmarks) : null;
	}

	/** An axis-aligned box: top-left corner and size. */
	public record Region(double x, double y, double width, double height) {
	}

}
