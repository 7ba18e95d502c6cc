import java.util.Arrays;
import java.util.Random;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The floor under any exact scan: the time one thread takes to read a float32 matrix once,
 * summing it in the widest vectors the processor has (memory, not arithmetic, is the limit).
 * The matrix is the one IdentifyBench enrols: the same seeded values, rows of 128, one
 * contiguous array.
 *   java --add-modules=jdk.incubator.vector bench/MatrixStream.java [references] [runs]
 */
public class MatrixStream {

	static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

	public static void main(String[] args) {
		int references = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int runs = (args.length > 1) ? Integer.parseInt(args[1]) : 50;
		float[] matrix = new float[references * 128];
		Random random = new Random(1);
		for (int i = 0; i < matrix.length; i++) {
			matrix[i] = (float) random.nextGaussian() * 0.1f;
		}
		double[] ms = new double[runs];
		double checksum = 0;
		for (int i = 0; i < 10 + runs; i++) {
			long t = System.nanoTime();
			checksum += sum(matrix);
			if (i >= 10) {
				ms[i - 10] = (System.nanoTime() - t) / 1e6;
			}
		}
		Arrays.sort(ms);
		System.out.printf("stream of %d × 128 float32 (%d MiB), one thread, %d-bit vectors: runs=%d p50=%.2f ms "
				+ "p99=%.2f ms (checksum %.3g)%n", references, (long) matrix.length * 4 >> 20, FLOATS.vectorBitSize(),
				runs, ms[runs / 2], ms[(int) (runs * 0.99) - 1], checksum);
	}

	/** Two accumulators, so that each addition need not wait for the last. */
	static float sum(float[] matrix) {
		FloatVector a = FloatVector.zero(FLOATS);
		FloatVector b = FloatVector.zero(FLOATS);
		int step = 2 * FLOATS.length();
		int i = 0;
		for (; i + step <= matrix.length; i += step) {
			a = a.add(FloatVector.fromArray(FLOATS, matrix, i));
			b = b.add(FloatVector.fromArray(FLOATS, matrix, i + FLOATS.length()));
		}
		float sum = a.add(b).reduceLanes(VectorOperators.ADD);
		for (; i < matrix.length; i++) {
			sum += matrix[i];
		}
		return sum;
	}

}
