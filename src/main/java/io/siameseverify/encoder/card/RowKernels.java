package io.siameseverify.encoder.card;

/**
 * The inner loops of a gallery scan: one row of a contiguous matrix against a probe held
 * in doubles. Identify runs them once per enrolled reference, so they decide how fast a
 * million references are scanned.
 * <p>
 * Two implementations compute the same sums in double precision and differ only in
 * rounding (the order of the additions, fused multiply-adds): {@link VectorRowKernels},
 * on the JDK's Vector API, when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the scripts, the image and the tests do),
 * else {@link ScalarRowKernels}.
 */
interface RowKernels {

	/**
	 * The module that holds the Vector API, an incubator module resolved only on request.
	 */
	String VECTOR_MODULE = "jdk.incubator.vector";

	/** {@code Σ (rows[offset + i] − probe[i])²}. */
	double squaredDistance(float[] rows, int offset, double[] probe);

	/** {@code Σ rows[offset + i] · probe[i]}. */
	double dot(float[] rows, int offset, double[] probe);

	/** What the scan runs on, for the start-up log. */
	String description();

	/** The fastest kernels this JVM can run, chosen once. */
	static RowKernels fastest() {
		return Fastest.KERNELS;
	}

	static boolean vectorApiPresent() {
		return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
	}

	final class Fastest {

		// VectorRowKernels is loaded only when its module is there: naming it in the
		// branch not taken does not load it
		static final RowKernels KERNELS = vectorApiPresent() ? new VectorRowKernels() : new ScalarRowKernels();

		private Fastest() {
		}

	}

}
