package io.siameseverify.gallery;

import java.util.List;

/**
 * A probe compared with every reference of one subject.
 *
 * @param nearestFirst the probe's distance to each reference, closest first
 * @param spread the mean distance between the subject's own references (how much the
 * subject varies); NaN with a single reference
 */
public record Comparison(List<Match> nearestFirst, double spread) {

	/** The closest reference. */
	public Match nearest() {
		return this.nearestFirst.get(0);
	}

	/** The distances, closest first. */
	public double[] distances() {
		return this.nearestFirst.stream().mapToDouble(Match::distance).toArray();
	}

}
