package io.siameseverify.encoder;

/**
 * An encoder's output for one image, bound to the model name and version that produced
 * it: embeddings of different models or versions are never compared.
 */
public record Embedding(String model, String modelVersion, float[] values) {

	/** Never prints the vector: embeddings are biometric data and stay out of logs. */
	@Override
	public String toString() {
		return "Embedding[" + this.model + " " + this.modelVersion + ", " + this.values.length + " values]";
	}

}
