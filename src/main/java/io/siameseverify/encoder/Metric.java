package io.siameseverify.encoder;

import java.util.Locale;

/**
 * How two embeddings are compared. A pair matches when {@code distance <= threshold}.
 */
public enum Metric {

	/** Straight-line distance, 0 for identical vectors, unbounded above. */
	EUCLIDEAN(Double.POSITIVE_INFINITY) {
		@Override
		public double distanceAt(float[] rows, int offset, float[] probe) {
			double sum = 0;
			for (int i = 0; i < probe.length; i++) {
				double d = (double) rows[offset + i] - probe[i];
				sum += d * d;
			}
			return Math.sqrt(sum);
		}
	},

	/** 1 − cosine similarity: 0 same direction, 1 orthogonal, 2 opposite. */
	COSINE(2.0) {
		@Override
		public double distanceAt(float[] rows, int offset, float[] probe) {
			double dot = 0;
			double normA = 0;
			double normB = 0;
			for (int i = 0; i < probe.length; i++) {
				double a = rows[offset + i];
				dot += a * probe[i];
				normA += a * a;
				normB += (double) probe[i] * probe[i];
			}
			if (normA == 0 || normB == 0) {
				throw new IllegalArgumentException("cosine distance of a zero vector is undefined");
			}
			return 1.0 - dot / Math.sqrt(normA * normB);
		}
	};

	private final double max;

	Metric(double max) {
		this.max = max;
	}

	/** The distance between two embeddings of one model. */
	public double distance(float[] a, float[] b) {
		checkComparable(a, b);
		return distanceAt(a, 0, b);
	}

	/**
	 * The distance from the probe to the vector stored at
	 * {@code rows[offset .. offset + probe.length)}: a gallery's contiguous matrix is
	 * scanned without copying rows out.
	 */
	public abstract double distanceAt(float[] rows, int offset, float[] probe);

	/** A threshold means something only inside the metric's range. */
	public boolean isValidThreshold(double threshold) {
		return threshold >= 0 && threshold <= this.max && !Double.isNaN(threshold);
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
