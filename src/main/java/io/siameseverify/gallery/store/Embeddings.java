package io.siameseverify.gallery.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Embeddings as stored: float32, little-endian, one after another; exact, and a quarter
 * of the size of their decimal text.
 */
final class Embeddings {

	private Embeddings() {
	}

	static byte[] toBytes(float[] embedding) {
		ByteBuffer bytes = ByteBuffer.allocate(embedding.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(embedding);
		return bytes.array();
	}

	static float[] fromBytes(byte[] bytes, int dimension) {
		if (bytes.length != dimension * Float.BYTES) {
			throw new IllegalStateException(
					"a stored embedding of %d bytes for dimension %d".formatted(bytes.length, dimension));
		}
		float[] embedding = new float[dimension];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(embedding);
		return embedding;
	}

}
