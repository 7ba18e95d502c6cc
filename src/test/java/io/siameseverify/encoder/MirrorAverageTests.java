package io.siameseverify.encoder;

import io.siameseverify.encoder.runtime.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The mirror image of an input and the mean of two embeddings, against values written out
 * by hand.
 */
class MirrorAverageTests {

	@Test
	void mirroredWhenTwoChannelsOfTwoRowsShouldReverseEveryRowOfEveryChannel() {
		Tensor input = new Tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, new long[] { 1, 2, 2, 3 });
		Tensor mirrored = MirrorAverage.mirrored(input);
		assertThat(mirrored.data()).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10);
		assertThat(mirrored.shape()).containsExactly(1, 2, 2, 3);
		assertThat(input.data()).as("the input is left as it was").startsWith(1, 2, 3);
	}

	@Test
	void meanWhenEmbeddingsAreNotUnitLengthShouldBeThePlainMean() {
		assertThat(MirrorAverage.mean(new float[] { 1, 4 }, new float[] { 3, 0 }, false)).containsExactly(2, 2);
	}

	@Test
	void meanWhenEmbeddingsAreUnitLengthShouldBeScaledBackToUnitLength() {
		float[] mean = MirrorAverage.mean(new float[] { 1, 0 }, new float[] { 0, 1 }, true);
		float half = (float) Math.sqrt(0.5);
		assertThat(mean).containsExactly(new float[] { half, half }, within(1e-6f));
	}

}
