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

	private Roc(double[] thresholds, double[] far, double[] frr) {
		this.thresholds = thresholds;
		this.far = far;
		this.frr = frr;
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
		return new Roc(thresholds, far, frr);
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
