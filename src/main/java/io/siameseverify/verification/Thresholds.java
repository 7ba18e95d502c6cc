package io.siameseverify.verification;

import io.siameseverify.encoder.EncoderModel;
import io.siameseverify.encoder.InvalidParameterException;
import io.siameseverify.encoder.card.SubjectRule;

/**
 * The threshold of one request: the caller's override, checked against the metric's
 * range, or the model's.
 */
final class Thresholds {

	private Thresholds() {
	}

	static double resolve(EncoderModel model, Double requested) {
		if (requested == null) {
			return model.threshold();
		}
		if (!model.metric().isValidThreshold(requested)) {
			throw new InvalidParameterException("threshold must be a finite number within %s for the %s metric"
				.formatted(model.metric().range(), model.metric().id()));
		}
		return requested;
	}

	/** The threshold of a subject-verify rule's score: the caller's, else the rule's. */
	static double resolve(EncoderModel model, SubjectRule rule, Double requested) {
		if (requested == null) {
			return rule.threshold();
		}
		if (!rule.isValidThreshold(model.metric(), requested)) {
			throw new InvalidParameterException(
					"threshold must be a valid score of the %s rule (%s)".formatted(rule.label(),
							(rule.kind() == SubjectRule.Kind.SPREAD_NORMALIZED) ? "[0, ∞)" : model.metric().range()));
		}
		return requested;
	}

}
