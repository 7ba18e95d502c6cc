package io.siameseverify.gallery;

import java.util.regex.Pattern;

/**
 * A caller's name for a person or writer: 1–128 characters of {@code [A-Za-z0-9._@-]}.
 */
public record SubjectId(String value) {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

	public SubjectId {
		if (value == null || !VALID.matcher(value).matches()) {
			throw new InvalidSubjectIdException();
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
