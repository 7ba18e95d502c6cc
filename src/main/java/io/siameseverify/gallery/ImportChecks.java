package io.siameseverify.gallery;

import java.util.regex.Pattern;

import io.siameseverify.encoder.card.Metric;
import io.siameseverify.gallery.store.ModelKey;
import io.siameseverify.gallery.store.StoredReference;

/**
 * What a reference brought in by an import must be before it is stored: a UUID, a valid
 * subject id, the served model version, an embedding of the served size with finite
 * values that the metric accepts.
 */
final class ImportChecks {

	private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private ImportChecks() {
	}

	static void check(StoredReference reference, ModelKey key, Metric metric) {
		if (reference.referenceId() == null || !UUID.matcher(reference.referenceId()).matches()) {
			throw new InvalidReferenceException("referenceId must be a lower-case UUID");
		}
		try {
			new SubjectId(reference.subjectId());
		}
		catch (InvalidSubjectIdException ex) {
			throw new InvalidReferenceException("subjectId: " + ex.getMessage());
		}
		if (reference.createdAt() == null) {
			throw new InvalidReferenceException("createdAt is missing");
		}
		if (!key.version().equals(reference.modelVersion())) {
			throw new InvalidReferenceException(
					"modelVersion must be the served version %s; embeddings of another version are not comparable"
						.formatted(key.version()));
		}
		float[] embedding = reference.embedding();
		if (embedding == null || embedding.length != key.dimension()) {
			throw new InvalidReferenceException("embedding must hold %d values".formatted(key.dimension()));
		}
		for (float value : embedding) {
			if (!Float.isFinite(value)) {
				throw new InvalidReferenceException("embedding values must be finite numbers");
			}
		}
		try {
			metric.stored(embedding);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidReferenceException("embedding: " + ex.getMessage());
		}
	}

}
