package io.siameseverify;

import java.util.Random;

/**
 * Seeded Gaussian vectors, standing in for embeddings where only the arithmetic matters.
 */
public final class RandomVectors {

	private RandomVectors() {
	}

	public static float[] gaussian(Random random, int length) {
		float[] vector = new float[length];
		for (int i = 0; i < length; i++) {
			vector[i] = (float) random.nextGaussian();
		}
		return vector;
	}

}
