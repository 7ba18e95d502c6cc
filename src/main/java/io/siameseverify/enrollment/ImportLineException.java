package io.siameseverify.enrollment;

/**
 * A line of a gallery import that cannot be imported; nothing of the request was kept.
 * The message names the line and what is wrong with it, never its content.
 */
public class ImportLineException extends RuntimeException {

	private final long line;

	ImportLineException(long line, String reason) {
		super("line %d: %s; nothing was imported".formatted(line, reason));
		this.line = line;
	}

	/** The 1-based number of the bad line. */
	public long line() {
		return this.line;
	}

}
