package io.siameseverify.calibration;

import java.util.Arrays;

/**
 * Verification error rates over every threshold, from genuine and impostor distances. A
 * pair is accepted when distance ≤ threshold: FAR(t) = share of impostors ≤ t, FRR(t) =
 * share of genuine pairs &gt; t. Same definitions as the Python pipeline's
 * {@code metrics.py}.
 */
final class Roc {

	final double[] thresholds;

	final double[] far;

	final double[] frr;

	private final int genuine;

	private final int impostor;

	private Roc(double[] thresholds, double[] far, double[] frr, int genuine, int impostor) {
		this.thresholds = thresholds;
		this.far = far;
		this.frr = frr;
		this.genuine = genuine;
		this.impostor = impostor;
	}

	static Roc of(double[] genuine, double[] impostor) {
		if (genuine.length == 0 || impostor.length == 0) {
			throw new IllegalArgumentException(
					"need genuine and impostor pairs, have %d and %d".formatted(genuine.length, impostor.length));
		}
		double[] g = genuine.clone();
		double[] i = impostor.clone();
		Arrays.sort(g);
		Arrays.sort(i);
		double[] all = new double[g.length + i.length + 1];
		all[0] = Double.NEGATIVE_INFINITY;
		System.arraycopy(g, 0, all, 1, g.length);
		System.arraycopy(i, 0, all, 1 + g.length, i.length);
		double[] thresholds = Arrays.stream(all).sorted().distinct().toArray();
		double[] far = new double[thresholds.length];
		double[] frr = new double[thresholds.length];
		for (int k = 0; k < thresholds.length; k++) {
			far[k] = (double) countAtMost(i, thresholds[k]) / i.length;
			frr[k] = 1.0 - (double) countAtMost(g, thresholds[k]) / g.length;
		}
		return new Roc(thresholds, far, frr, g.length, i.length);
	}

	private static int countAtMost(double[] sorted, double value) {
		int low = 0;
		int high = sorted.length;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (sorted[mid] <= value) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return low;
	}

	/** FAR and FRR at a threshold. */
	double[] ratesAt(double threshold) {
		int index = Math.max(0, countAtMost(this.thresholds, threshold) - 1);
		return new double[] { this.far[index], this.frr[index] };
	}

	/**
	 * {eer, threshold}: where FAR and FRR cross (the closer of the two points either
	 * side).
	 */
	double[] equalError() {
		int index = 0;
		while (index < this.far.length && this.far[index] < this.frr[index]) {
			index++;
		}
		index = Math.min(index, this.far.length - 1);
		int previous = Math.max(index - 1, 0);
		int best = (Math.abs(this.far[previous] - this.frr[previous]) < Math.abs(this.far[index] - this.frr[index]))
				? previous : index;
		double threshold = this.thresholds[best];
		if (this.far[best] == 0 && this.frr[best] == 0 && best + 1 < this.thresholds.length) {
			threshold = (threshold + this.thresholds[best + 1]) / 2;
		}
		return new double[] { (this.far[best] + this.frr[best]) / 2, threshold };
	}

	/**
	 * The share of pairs decided right at a threshold: genuine accepted and impostors
	 * rejected.
	 */
	double accuracyAt(double threshold) {
		double[] rates = ratesAt(threshold);
		return accuracy(rates[0], rates[1]);
	}

	/**
	 * {accuracy, threshold}: the best accuracy over all thresholds, at the middle of the
	 * best interval between two observed distances (the first such interval when several
	 * tie).
	 */
	double[] bestAccuracy() {
		int best = 0;
		for (int k = 1; k < this.thresholds.length; k++) {
			if (accuracy(this.far[k], this.frr[k]) > accuracy(this.far[best], this.frr[best])) {
				best = k;
			}
		}
		double threshold = this.thresholds[best];
		if (best + 1 < this.thresholds.length && Double.isFinite(this.thresholds[best + 1])) {
			threshold = (threshold + this.thresholds[best + 1]) / 2;
		}
		return new double[] { accuracy(this.far[best], this.frr[best]), threshold };
	}

	/**
	 * The area under the ROC (TAR against FAR), by trapezoids through every threshold:
	 * the chance that a random genuine pair is closer than a random impostor pair, ties
	 * counting half. The curve runs from (0, 0) at −∞ to (1, 1) at the largest distance.
	 */
	double auc() {
		double area = 0;
		for (int k = 1; k < this.thresholds.length; k++) {
			area += (this.far[k] - this.far[k - 1]) * ((1 - this.frr[k]) + (1 - this.frr[k - 1])) / 2;
		}
		return area;
	}

	private double accuracy(double far, double frr) {
		return (this.genuine * (1 - frr) + this.impostor * (1 - far)) / (this.genuine + this.impostor);
	}

	/** {threshold, far, tar}: the largest threshold whose FAR ≤ target. */
	double[] atFar(double target) {
		int best = 0;
		for (int k = 0; k < this.far.length; k++) {
			if (this.far[k] <= target) {
				best = k;
			}
		}
		return new double[] { this.thresholds[best], this.far[best], 1 - this.frr[best] };
	}

}
