package io.siameseverify.encoder;

import io.siameseverify.encoder.card.ModelCard;
import io.siameseverify.encoder.image.PillowBilinear;
import io.siameseverify.encoder.image.Pixels;
import io.siameseverify.encoder.image.RgbTensors;
import io.siameseverify.encoder.runtime.Tensor;

/**
 * The card's "none" pipeline, for encoders brought along without a pipeline of their own:
 * a straight bilinear resize to the input size, grey or RGB as the card says, values
 * 0..255 as NCHW float32.
 */
final class ResizePreprocessor implements Preprocessor {

	private final ModelCard.Input input;

	ResizePreprocessor(ModelCard.Input input) {
		this.input = input;
	}

	@Override
	public Prepared prepare(Pixels image, EncodeOptions options) {
		int[] resized = PillowBilinear.resize(image.rgb(), image.width(), image.height(), this.input.width(),
				this.input.height());
		Tensor rgb = RgbTensors.toNchw(resized, this.input.width(), this.input.height());
		return Prepared.of((this.input.channels() == 3) ? rgb : grey(rgb));
	}

	/** ITU-R 601 luma of each resized pixel, in Pillow's fixed-point weights. */
	private Tensor grey(Tensor rgb) {
		int plane = this.input.width() * this.input.height();
		float[] data = rgb.data();
		float[] grey = new float[plane];
		for (int i = 0; i < plane; i++) {
			grey[i] = (float) ((19595 * data[i] + 38470 * data[plane + i] + 7471 * data[2 * plane + i] + 32768)
					/ 65536.0);
		}
		return new Tensor(grey, new long[] { 1, 1, this.input.height(), this.input.width() });
	}

}
