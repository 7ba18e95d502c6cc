package io.siameseverify.verification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts decisions by model, operation (pair, subject, identify) and outcome (match,
 * no_match); no subject ids, ever.
 */
@Component
class DecisionMetrics {

	private final MeterRegistry meters;

	DecisionMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	void record(String model, String operation, boolean match) {
		Counter.builder("siamese.verify.decisions")
			.description("verification and identification decisions")
			.tag("model", model)
			.tag("operation", operation)
			.tag("outcome", match ? "match" : "no_match")
			.register(this.meters)
			.increment();
	}

}
