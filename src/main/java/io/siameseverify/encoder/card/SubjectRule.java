package io.siameseverify.encoder.card;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a probe compared with a subject's several references becomes one score, accepted
 * when {@code score <= threshold}. The model card names the rule and its threshold
 * (chosen on validation writers with {@code siamese-train rules}); without one a model
 * uses the smallest distance and its own threshold. Same definitions as
 * {@code models/training/siamese_training/enrolment.py}.
 *
 * @param kind the rule
 * @param k for {@link Kind#MEAN_OF_NEAREST}, how many of the smallest distances are
 * averaged
 * @param threshold the score at or below which the probe is accepted
 */
public record SubjectRule(Kind kind, int k, double threshold) {

	public SubjectRule {
		if (k < 1) {
			throw new IllegalArgumentException("k must be at least 1, actual " + k);
		}
	}

	/** The rules. */
	public enum Kind {

		/** The distance to the closest reference. */
		SMALLEST("smallest"),

		/** The mean of the k smallest distances (all of them when fewer). */
		MEAN_OF_NEAREST("mean-of-nearest"),

		/**
		 * The smallest distance over the mean distance between the subject's own
		 * references: a writer who varies a lot is allowed more. With one reference, the
		 * smallest distance.
		 */
		SPREAD_NORMALIZED("spread-normalized");

		private final String id;

		Kind(String id) {
			this.id = id;
		}

		public String id() {
			return this.id;
		}

		static Kind of(String id) {
			for (Kind kind : values()) {
				if (kind.id.equals(id)) {
					return kind;
				}
			}
			throw new IllegalArgumentException(
					"unknown subject rule '%s'; known: smallest, mean-of-nearest, ".formatted(id)
							+ "spread-normalized");
		}

	}

	/** The smallest distance, at the model's threshold: the rule without a card entry. */
	public static SubjectRule smallest(double threshold) {
		return new SubjectRule(Kind.SMALLEST, 1, threshold);
	}

	static SubjectRule of(String id, Integer k, double threshold) {
		return new SubjectRule(Kind.of(id.toLowerCase(Locale.ROOT)), (k != null) ? k : 1, threshold);
	}

	/**
	 * The score of a probe.
	 * @param toReferences its distance to each of the subject's references (at least one)
	 * @param spread the mean distance between the subject's references; NaN with fewer
	 * than two
	 */
	public double score(double[] toReferences, double spread) {
		if (toReferences.length == 0) {
			throw new IllegalArgumentException("a subject has at least one reference");
		}
		double[] nearest = toReferences.clone();
		Arrays.sort(nearest);
		return switch (this.kind) {
			case SMALLEST -> nearest[0];
			case MEAN_OF_NEAREST -> Arrays.stream(nearest, 0, Math.min(this.k, nearest.length)).average().orElseThrow();
			case SPREAD_NORMALIZED -> Double.isNaN(spread) ? nearest[0] : nearest[0] / Math.max(spread, 1e-6);
		};
	}

	/** Whether the rule needs the spread of the subject's references. */
	public boolean needsSpread() {
		return this.kind == Kind.SPREAD_NORMALIZED;
	}

	/**
	 * A score of this rule, for a threshold override: a distance of the metric, or a
	 * ratio.
	 */
	public boolean isValidThreshold(Metric metric, double value) {
		return (this.kind == Kind.SPREAD_NORMALIZED) ? (value >= 0 && Double.isFinite(value))
				: metric.isValidThreshold(value);
	}

	/**
	 * As decisions name it: {@code smallest}, {@code mean-of-nearest-2},
	 * {@code spread-normalized}.
	 */
	public String label() {
		return (this.kind == Kind.MEAN_OF_NEAREST) ? this.kind.id + "-" + this.k : this.kind.id;
	}

}
