package io.siameseverify.encoder.card;

import java.util.Locale;

/**
 * How two embeddings are compared. A pair matches when {@code distance <= threshold}.
 */
public enum Metric {

	/** Straight-line distance, 0 for identical vectors, unbounded above. */
	EUCLIDEAN(Double.POSITIVE_INFINITY) {
		@Override
		double distanceBetween(float[] a, float[] b) {
			return Math.sqrt(SCALAR.squaredDistance(a, 0, widened(b)));
		}

		@Override
		Scan scan(float[] probe, RowKernels kernels) {
			double[] wide = widened(probe);
			return (rows, offset) -> Math.sqrt(kernels.squaredDistance(rows, offset, wide));
		}
	},

	/** 1 − cosine similarity: 0 same direction, 1 orthogonal, 2 opposite. */
	COSINE(2.0) {
		@Override
		double distanceBetween(float[] a, float[] b) {
			double[] wideB = widened(b);
			double normA = SCALAR.dot(a, 0, widened(a));
			double normB = SCALAR.dot(b, 0, wideB);
			if (normA == 0 || normB == 0) {
				throw new IllegalArgumentException("cosine distance of a zero vector is undefined");
			}
			return 1.0 - SCALAR.dot(a, 0, wideB) / Math.sqrt(normA * normB);
		}

		@Override
		public float[] stored(float[] embedding) {
			double norm = Math.sqrt(SCALAR.dot(embedding, 0, widened(embedding)));
			if (norm == 0) {
				throw new IllegalArgumentException("cosine distance of a zero vector is undefined");
			}
			float[] unit = new float[embedding.length];
			for (int i = 0; i < unit.length; i++) {
				unit[i] = (float) (embedding[i] / norm);
			}
			return unit;
		}

		/** Rows are unit vectors ({@link #stored}): one dot product per row. */
		@Override
		Scan scan(float[] probe, RowKernels kernels) {
			double[] wide = widened(probe);
			double probeNorm = Math.sqrt(SCALAR.dot(probe, 0, wide));
			if (probeNorm == 0) {
				throw new IllegalArgumentException("cosine distance of a zero vector is undefined");
			}
			return (rows, offset) -> 1.0 - kernels.dot(rows, offset, wide) / probeNorm;
		}
	};

	/** One pair at a time needs no vectors; the scan's kernels are chosen per JVM. */
	private static final RowKernels SCALAR = new ScalarRowKernels();

	private final double max;

	Metric(double max) {
		this.max = max;
	}

	/** The distance between two embeddings of one model. */
	public double distance(float[] a, float[] b) {
		checkComparable(a, b);
		return distanceBetween(a, b);
	}

	abstract double distanceBetween(float[] a, float[] b);

	/**
	 * The form in which a gallery keeps an embedding: as it is for Euclidean; scaled to
	 * unit length for cosine, which ignores length, so that a scan needs only dot
	 * products.
	 */
	public float[] stored(float[] embedding) {
		return embedding;
	}

	/**
	 * The probe, ready to be compared with many rows kept in {@link #stored} form, on the
	 * fastest kernels this JVM runs.
	 */
	public Scan scan(float[] probe) {
		return scan(probe, RowKernels.fastest());
	}

	abstract Scan scan(float[] probe, RowKernels kernels);

	/** What scans run on in this JVM: the Vector API or plain loops. */
	public static String scanKernels() {
		return RowKernels.fastest().description();
	}

	/** Distances from one probe to rows of a contiguous matrix. */
	@FunctionalInterface
	public interface Scan {

		/**
		 * The distance to the row at {@code rows[offset .. offset + probe length)}, kept
		 * in stored form: a gallery's matrix is scanned without copying rows out.
		 */
		double distanceAt(float[] rows, int offset);

	}

	private static double[] widened(float[] values) {
		double[] wide = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			wide[i] = values[i];
		}
		return wide;
	}

	/** A threshold means something only inside the metric's range. */
	public boolean isValidThreshold(double threshold) {
		// finite even for euclidean, whose range has no end: an infinite threshold would
		// accept everything and cannot be written as a JSON number
		return threshold >= 0 && threshold <= this.max && Double.isFinite(threshold);
	}

	public String range() {
		return "[0, " + (Double.isInfinite(this.max) ? "∞)" : this.max + "]");
	}

	/** The name used in cards and API responses: "euclidean" or "cosine". */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Metric of(String id) {
		return valueOf(id.toUpperCase(Locale.ROOT));
	}

	static boolean isKnown(String id) {
		for (Metric metric : values()) {
			if (metric.id().equals(id)) {
				return true;
			}
		}
		return false;
	}

	private static void checkComparable(float[] a, float[] b) {
		if (a.length != b.length) {
			throw new IllegalArgumentException("embeddings of different lengths: " + a.length + " and " + b.length);
		}
		if (a.length == 0) {
			throw new IllegalArgumentException("empty embeddings");
		}
	}

}
