package io.siameseverify.encoder.image;

/**
 * An image the service will not encode, with the reason a caller can act on.
 * {@link #kind()} tells the web layer which problem type and status to answer with.
 */
public class ImageRejectedException extends RuntimeException {

	/** Why an image was refused. */
	public enum Kind {

		/** The bytes are not an image of any supported format, or are corrupt. */
		INVALID,
		/** A well-formed image in a format the service does not decode. */
		UNSUPPORTED,
		/** More bytes or pixels than the configured limits. */
		TOO_LARGE,
		/** A face model found no face in the image. */
		NO_FACE,
		/** A signature model found no ink: the image is blank or too flat. */
		NO_INK

	}

	private final Kind kind;

	public ImageRejectedException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

}
