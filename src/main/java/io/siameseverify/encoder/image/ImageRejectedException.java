package io.siameseverify.encoder.image;

/**
 * An image the service will not encode, with the reason a caller can act on.
 * {@link #kind()} names the problem a caller gets: the status, the stable type and the
 * title, the same whether the image came alone or in a batch.
 */
public class ImageRejectedException extends RuntimeException {

	/** Why an image was refused. */
	public enum Kind {

		/** The bytes are not an image of any supported format, or are corrupt. */
		INVALID(400, "invalid-image", "Invalid image"),
		/** A well-formed image in a format the service does not decode. */
		UNSUPPORTED(415, "unsupported-image", "Unsupported image"),
		/** More bytes or pixels than the configured limits. */
		TOO_LARGE(413, "image-too-large", "Image too large"),
		/** A face model found no face in the image (or not the one asked for). */
		NO_FACE(422, "no-face-detected", "No face detected"),
		/** More than one face, where the request asked for the only one. */
		MULTIPLE_FACES(422, "multiple-faces", "More than one face"),
		/** A signature model found no ink: the image is blank or too flat. */
		NO_INK(422, "no-ink-detected", "No signature ink detected");

		private final int status;

		private final String slug;

		private final String title;

		Kind(int status, String slug, String title) {
			this.status = status;
			this.slug = slug;
			this.title = title;
		}

		/** The HTTP status of the problem. */
		public int status() {
			return this.status;
		}

		/**
		 * The last part of the problem's type, {@code urn:siamese-verify:problem:<slug>}.
		 */
		public String slug() {
			return this.slug;
		}

		public String title() {
			return this.title;
		}

	}

	private final Kind kind;

	private final String image;

	public ImageRejectedException(Kind kind, String message) {
		this(kind, message, null);
	}

	private ImageRejectedException(Kind kind, String message, String image) {
		super(message);
		this.kind = kind;
		this.image = image;
	}

	public Kind kind() {
		return this.kind;
	}

	/**
	 * Which image of the request was refused ({@code image1}, {@code image[2]}), or
	 * {@code null} when not named.
	 */
	public String image() {
		return this.image;
	}

	/** The same refusal, naming the image of the request it concerns. */
	public ImageRejectedException about(String image) {
		return new ImageRejectedException(this.kind, getMessage(), image);
	}

}
