package io.siameseverify.gallery.store;

import java.time.Instant;

/**
 * One enrolled reference as the store of record keeps it, and as a gallery export line
 * carries it: the embedding exactly as the encoder produced it.
 *
 * @param referenceId a UUID, unique across models
 * @param subjectId the subject it belongs to
 * @param createdAt when it was enrolled, to the millisecond
 * @param modelVersion the version of the model that produced the embedding
 * @param embedding the embedding; never logged, never in an error
 */
public record StoredReference(String referenceId, String subjectId, Instant createdAt, String modelVersion,
		float[] embedding) {

	@Override
	public String toString() {
		return "StoredReference[" + this.referenceId + "]";
	}

}
