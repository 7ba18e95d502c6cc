package io.siameseverify.encoder.card;

import java.util.Locale;

/**
 * How two embeddings are compared. A pair matches when {@code distance <= threshold}.
 */
public enum Metric {

	/** Straight-line distance, 0 for identical vectors, unbounded above. */
	EUCLIDEAN(Double.POSITIVE_INFINITY) {
		@Override
		public double distanceAt(float[] rows, int offset, float[] probe) {
			// four running sums: one sum would make every addition wait for the last,
			// and identify runs this 100 000 times per request
			double s0 = 0;
			double s1 = 0;
			double s2 = 0;
			double s3 = 0;
			int n = probe.length;
			int i = 0;
			for (; i + 3 < n; i += 4) {
				double d0 = (double) rows[offset + i] - probe[i];
				double d1 = (double) rows[offset + i + 1] - probe[i + 1];
				double d2 = (double) rows[offset + i + 2] - probe[i + 2];
				double d3 = (double) rows[offset + i + 3] - probe[i + 3];
				s0 += d0 * d0;
				s1 += d1 * d1;
				s2 += d2 * d2;
				s3 += d3 * d3;
			}
			for (; i < n; i++) {
				double d = (double) rows[offset + i] - probe[i];
				s0 += d * d;
			}
			return Math.sqrt((s0 + s1) + (s2 + s3));
		}
	},

	/** 1 − cosine similarity: 0 same direction, 1 orthogonal, 2 opposite. */
	COSINE(2.0) {
		@Override
		public double distanceAt(float[] rows, int offset, float[] probe) {
			int n = probe.length;
			double normA = dot(rows, offset, rows, offset, n);
			double normB = dot(probe, 0, probe, 0, n);
			if (normA == 0 || normB == 0) {
				throw new IllegalArgumentException("cosine distance of a zero vector is undefined");
			}
			return 1.0 - dot(rows, offset, probe, 0, n) / Math.sqrt(normA * normB);
		}

		@Override
		public float[] stored(float[] embedding) {
			double norm = Math.sqrt(dot(embedding, 0, embedding, 0, embedding.length));
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
		public Scan scan(float[] probe) {
			double probeNorm = Math.sqrt(dot(probe, 0, probe, 0, probe.length));
			if (probeNorm == 0) {
				throw new IllegalArgumentException("cosine distance of a zero vector is undefined");
			}
			return (rows, offset) -> 1.0 - dot(rows, offset, probe, 0, probe.length) / probeNorm;
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

	/**
	 * The form in which a gallery keeps an embedding: as it is for Euclidean; scaled to
	 * unit length for cosine, which ignores length, so that a scan needs only dot
	 * products.
	 */
	public float[] stored(float[] embedding) {
		return embedding;
	}

	/** The probe, ready to be compared with many rows kept in {@link #stored} form. */
	public Scan scan(float[] probe) {
		return (rows, offset) -> distanceAt(rows, offset, probe);
	}

	/** Distances from one probe to rows of a contiguous matrix. */
	@FunctionalInterface
	public interface Scan {

		/** The distance to the row at {@code rows[offset ..]}, kept in stored form. */
		double distanceAt(float[] rows, int offset);

	}

	/**
	 * {@code a[aOffset .. +n) · b[bOffset .. +n)}, in four independent sums (for the same
	 * reason as EUCLIDEAN's).
	 */
	private static double dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
		double s0 = 0;
		double s1 = 0;
		double s2 = 0;
		double s3 = 0;
		int i = 0;
		for (; i + 3 < n; i += 4) {
			s0 += (double) a[aOffset + i] * b[bOffset + i];
			s1 += (double) a[aOffset + i + 1] * b[bOffset + i + 1];
			s2 += (double) a[aOffset + i + 2] * b[bOffset + i + 2];
			s3 += (double) a[aOffset + i + 3] * b[bOffset + i + 3];
		}
		for (; i < n; i++) {
			s0 += (double) a[aOffset + i] * b[bOffset + i];
		}
		return (s0 + s1) + (s2 + s3);
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
