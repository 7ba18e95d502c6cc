package io.siameseverify.gallery;

import java.util.List;

/**
 * A snapshot of one subject's references, oldest first.
 */
public record Subject(SubjectId subjectId, List<Reference> references) {

	public int referenceCount() {
		return this.references.size();
	}

}
