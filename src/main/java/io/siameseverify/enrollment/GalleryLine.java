package io.siameseverify.enrollment;

import java.time.Instant;

import io.siameseverify.gallery.store.StoredReference;

/**
 * One line of a gallery export or import: one reference, its embedding exactly as the
 * encoder produced it (float32 values, printed so that they read back bit for bit).
 */
record GalleryLine(String subjectId, String referenceId, Instant createdAt, String modelVersion, float[] embedding) {

	static GalleryLine of(StoredReference reference) {
		return new GalleryLine(reference.subjectId(), reference.referenceId(), reference.createdAt(),
				reference.modelVersion(), reference.embedding());
	}

	StoredReference toReference() {
		return new StoredReference(this.referenceId, this.subjectId, this.createdAt, this.modelVersion, this.embedding);
	}

}
