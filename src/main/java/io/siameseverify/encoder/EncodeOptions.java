package io.siameseverify.encoder;

import java.util.Locale;

/**
 * Per-request choices. {@code detect = false} takes a face image as an already-cropped
 * face; {@code null} uses the model's configured default. {@code face} says which
 * detected face is encoded. {@code showInputs}: the answer shows what the encoder saw
 * (the aligned chip, the canvas) as pictures.
 */
public record EncodeOptions(Boolean detect, FaceChoice face, boolean showInputs) {

	public static final EncodeOptions DEFAULTS = new EncodeOptions(null);

	public EncodeOptions {
		face = (face != null) ? face : FaceChoice.LARGEST;
	}

	public EncodeOptions(Boolean detect) {
		this(detect, null, false);
	}

	/**
	 * From the request's {@code detect} and {@code face} parameters (either may be
	 * absent).
	 */
	public static EncodeOptions of(Boolean detect, String face) {
		return of(detect, face, false);
	}

	/** The same, and whether the answer shows the encoder's inputs. */
	public static EncodeOptions of(Boolean detect, String face, boolean showInputs) {
		return new EncodeOptions(detect, (face != null) ? FaceChoice.parse(face) : null, showInputs);
	}

	public boolean detectOr(boolean configured) {
		return (this.detect != null) ? this.detect : configured;
	}

	/**
	 * Which of the faces detection found is encoded: the {@code largest} box (the
	 * default), the one whose centre is nearest the image's ({@code central}), the
	 * detector's {@code best} score, the {@code only} face (more than one is refused), or
	 * one by its 0-based index in the answer's {@code faces}.
	 */
	public record FaceChoice(Rule rule, int index) {

		public static final FaceChoice LARGEST = new FaceChoice(Rule.LARGEST, -1);

		public enum Rule {

			LARGEST, CENTRAL, BEST, ONLY, INDEX

		}

		static FaceChoice parse(String value) {
			String name = value.trim().toLowerCase(Locale.ROOT);
			if (name.matches("\\d{1,3}")) {
				return new FaceChoice(Rule.INDEX, Integer.parseInt(name));
			}
			return switch (name) {
				case "largest" -> LARGEST;
				case "central" -> new FaceChoice(Rule.CENTRAL, -1);
				case "best" -> new FaceChoice(Rule.BEST, -1);
				case "only" -> new FaceChoice(Rule.ONLY, -1);
				default -> throw new InvalidParameterException(
						"face must be largest, central, best, only or a face's index (0, 1, …), not '%s'"
							.formatted(value.length() > 40 ? value.substring(0, 40) + "…" : value));
			};
		}

	}

}
