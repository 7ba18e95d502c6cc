package io.siameseverify.verification;

import io.siameseverify.encoder.EncoderModel;
import io.siameseverify.encoder.InvalidParameterException;

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
			throw new InvalidParameterException("threshold must lie within %s for the %s metric"
				.formatted(model.metric().range(), model.metric().id()));
		}
		return requested;
	}

}
