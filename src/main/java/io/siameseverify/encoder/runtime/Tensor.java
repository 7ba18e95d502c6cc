package io.siameseverify.encoder.runtime;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major order (NCHW for images), the unit exchanged with a
 * TorchScript network.
 */
public record Tensor(float[] data, long[] shape) {

	public Tensor {
		long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
		if (count != data.length) {
			throw new IllegalArgumentException(
					"shape " + Arrays.toString(shape) + " holds " + count + " values, data has " + data.length);
		}
	}

	@Override
	public String toString() {
		return "Tensor" + Arrays.toString(this.shape);
	}

}
