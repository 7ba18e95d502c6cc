package io.siameseverify.encoder.card;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.siameseverify.RandomVectors;
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

	/**
	 * Both the pair distance and the scans of either kernel sum in interleaved
	 * accumulators or vector lanes for speed; the result must be the textbook formula's
	 * for every length, odd ones and lengths past a vector's width included, and at any
	 * row offset.
	 */
	@Test
	void distancesShouldEqualTheTextbookFormulaForEveryLengthOffsetAndKernel() {
		Random random = new Random(7);
		for (int length : new int[] { 1, 2, 3, 4, 5, 7, 9, 16, 17, 31, 128, 513 }) {
			float[] probe = RandomVectors.gaussian(random, length);
			float[] rows = RandomVectors.gaussian(random, 3 * length);
			for (int row = 0; row < 3; row++) {
				float[] a = Arrays.copyOfRange(rows, row * length, (row + 1) * length);
				double dot = 0;
				double normA = 0;
				double normB = 0;
				double squares = 0;
				for (int i = 0; i < length; i++) {
					dot += (double) a[i] * probe[i];
					normA += (double) a[i] * a[i];
					normB += (double) probe[i] * probe[i];
					squares += ((double) a[i] - probe[i]) * ((double) a[i] - probe[i]);
				}
				assertThat(Metric.EUCLIDEAN.distance(a, probe)).isCloseTo(Math.sqrt(squares), within(1e-12));
				assertThat(Metric.COSINE.distance(a, probe)).isCloseTo(1 - dot / Math.sqrt(normA * normB),
						within(1e-12));
				for (RowKernels kernels : kernels()) {
					assertThat(Metric.EUCLIDEAN.scan(probe, kernels).distanceAt(rows, row * length))
						.as(kernels.description())
						.isCloseTo(Math.sqrt(squares), within(1e-12));
					// cosine scans rows kept as unit vectors: this row's dot over the
					// probe's norm
					assertThat(Metric.COSINE.scan(probe, kernels).distanceAt(rows, row * length))
						.as(kernels.description())
						.isCloseTo(1 - dot / Math.sqrt(normB), within(1e-12));
				}
			}
		}
	}

	/**
	 * The build starts its test JVMs as the service's scripts and image start the
	 * service, with the Vector API: its kernels are tested here, not skipped.
	 */
	@Test
	void testsShouldRunTheVectorKernelsAsTheServiceDoes() {
		assertThat(RowKernels.vectorApiPresent()).as("--add-modules " + RowKernels.VECTOR_MODULE).isTrue();
		assertThat(RowKernels.fastest()).isInstanceOf(VectorRowKernels.class);
		assertThat(Metric.scanKernels()).startsWith("the Vector API");
	}

	private static List<RowKernels> kernels() {
		return RowKernels.vectorApiPresent() ? List.of(new ScalarRowKernels(), new VectorRowKernels())
				: List.of(new ScalarRowKernels());
	}

	/**
	 * A gallery keeps rows in stored form and scans them with a prepared probe; that must
	 * give the plain distance, to float precision for cosine's unit rows.
	 */
	@Test
	void scanOfStoredRowsShouldGiveThePlainDistance() {
		Random random = new Random(3);
		for (int length : new int[] { 1, 3, 128 }) {
			float[] embedding = RandomVectors.gaussian(random, length);
			float[] probe = RandomVectors.gaussian(random, length);
			assertThat(Metric.EUCLIDEAN.scan(probe).distanceAt(Metric.EUCLIDEAN.stored(embedding), 0))
				.isCloseTo(Metric.EUCLIDEAN.distance(embedding, probe), within(1e-12));
			assertThat(Metric.COSINE.scan(probe).distanceAt(Metric.COSINE.stored(embedding), 0))
				.isCloseTo(Metric.COSINE.distance(embedding, probe), within(1e-6));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Metric.COSINE.stored(new float[3]));
		assertThatIllegalArgumentException().isThrownBy(() -> Metric.COSINE.scan(new float[3]));
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
