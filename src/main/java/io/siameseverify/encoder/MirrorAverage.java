package io.siameseverify.encoder;

import io.siameseverify.encoder.runtime.Tensor;

/**
 * An embedding averaged over an input and its mirror image, for models whose card asks
 * for it. A face and its mirror are the same person, and the encoder's errors on the two
 * are partly independent, so their mean is a steadier embedding: on LFW View 1 it took
 * the face model from 98.8 % to 99.0 % at its threshold, and on ORL its EER from 0.44 %
 * to 0.28 % (docs/calibration.md), for a second forward.
 */
final class MirrorAverage {

	private MirrorAverage() {
	}

	/** An N × C × H × W input with every row reversed: left and right swapped. */
	static Tensor mirrored(Tensor input) {
		long[] shape = input.shape();
		int width = (int) shape[shape.length - 1];
		float[] data = input.data();
		float[] flipped = new float[data.length];
		for (int row = 0; row < data.length; row += width) {
			for (int x = 0; x < width; x++) {
				flipped[row + x] = data[row + width - 1 - x];
			}
		}
		return new Tensor(flipped, shape);
	}

	/** The mean of two embeddings, scaled back to unit length when the model's are. */
	static float[] mean(float[] first, float[] second, boolean unitLength) {
		float[] mean = new float[first.length];
		double squares = 0;
		for (int i = 0; i < mean.length; i++) {
			mean[i] = (first[i] + second[i]) / 2;
			squares += (double) mean[i] * mean[i];
		}
		if (unitLength && squares > 0) {
			float scale = (float) (1 / Math.sqrt(squares));
			for (int i = 0; i < mean.length; i++) {
				mean[i] *= scale;
			}
		}
		return mean;
	}

}
