package io.siameseverify.encoder;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class MetricTests {

	@Test
	void euclideanWhenThreeFourShouldBeFive() {
		assertThat(Metric.EUCLIDEAN.distance(new float[] { 0, 0 }, new float[] { 3, 4 })).isEqualTo(5.0);
	}

	@Test
	void cosineShouldSpanZeroToTwo() {
		float[] x = { 1, 0 };
		assertThat(Metric.COSINE.distance(x, new float[] { 2, 0 })).isCloseTo(0.0, within(1e-12));
		assertThat(Metric.COSINE.distance(x, new float[] { 0, 3 })).isCloseTo(1.0, within(1e-12));
		assertThat(Metric.COSINE.distance(x, new float[] { -1, 0 })).isCloseTo(2.0, within(1e-12));
	}

	@Test
	void thresholdShouldLieInTheMetricsRange() {
		assertThat(Metric.COSINE.isValidThreshold(2.0)).isTrue();
		assertThat(Metric.COSINE.isValidThreshold(2.1)).isFalse();
		assertThat(Metric.EUCLIDEAN.isValidThreshold(-0.1)).isFalse();
		assertThat(Metric.EUCLIDEAN.isValidThreshold(Double.NaN)).isFalse();
	}

	@Nested
	class Rejects {

		@Test
		void distanceWhenLengthsDifferShouldThrow() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> Metric.EUCLIDEAN.distance(new float[] { 1 }, new float[] { 1, 2 }))
				.withMessageContaining("different lengths");
		}

		@Test
		void distanceWhenEmptyShouldThrow() {
			assertThatIllegalArgumentException().isThrownBy(() -> Metric.COSINE.distance(new float[0], new float[0]));
		}

		@Test
		void cosineWhenZeroVectorShouldThrow() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> Metric.COSINE.distance(new float[] { 0, 0 }, new float[] { 1, 0 }));
		}

	}

}
