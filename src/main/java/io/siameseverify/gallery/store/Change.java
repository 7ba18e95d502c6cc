package io.siameseverify.gallery.store;

/**
 * One committed change to a model's references, at its place in the model's change
 * sequence (1, 2, 3… per model, in commit order).
 *
 * @param seq the position in the model's sequence
 * @param kind enrolled or deleted
 * @param referenceId the reference
 * @param modelVersion the version of the model the reference belongs to
 * @param reference for an enrolment, the reference; {@code null} when it has been deleted
 * since (a later change in the sequence says so)
 */
public record Change(long seq, Kind kind, String referenceId, String modelVersion, StoredReference reference) {

	/** What happened to the reference. */
	public enum Kind {

		ENROLLED("E"), DELETED("D");

		private final String code;

		Kind(String code) {
			this.code = code;
		}

		/** The one-letter code stored in the change table. */
		String code() {
			return this.code;
		}

		static Kind ofCode(String code) {
			return "E".equals(code) ? ENROLLED : DELETED;
		}

	}

	static Change enrolled(long seq, StoredReference reference) {
		return new Change(seq, Kind.ENROLLED, reference.referenceId(), reference.modelVersion(), reference);
	}

	static Change deleted(long seq, String referenceId, String modelVersion) {
		return new Change(seq, Kind.DELETED, referenceId, modelVersion, null);
	}

}
