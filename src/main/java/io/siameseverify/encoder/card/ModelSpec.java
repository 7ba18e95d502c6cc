package io.siameseverify.encoder.card;

/**
 * What a served model is, known from its checked card before its networks load: name,
 * version, metric, embedding size and the decision threshold in force.
 *
 * @param card the model card, checked against the model files
 * @param threshold the configured override, else the card's threshold
 */
public record ModelSpec(ModelCard card, double threshold) {

	public String name() {
		return this.card.name();
	}

	public String version() {
		return this.card.version();
	}

	public Metric metric() {
		return Metric.of(this.card.metric());
	}

	public int embeddingSize() {
		return this.card.embedding().size();
	}

	/**
	 * How a probe is compared with an enrolled subject: the card's rule, or the smallest
	 * distance at this spec's threshold (which a configured threshold overrides).
	 */
	public SubjectRule subjectRule() {
		ModelCard.SubjectVerification verification = this.card.subjectVerification();
		return (verification != null) ? SubjectRule.of(verification.rule(), verification.k(), verification.threshold())
				: SubjectRule.smallest(this.threshold);
	}

}
