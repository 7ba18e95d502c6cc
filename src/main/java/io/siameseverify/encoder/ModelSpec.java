package io.siameseverify.encoder;

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

}
