package io.siameseverify.encoder.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stacking inputs of one shape along the first axis, and cutting a batch's output back.
 */
final class Tensors {

	private Tensors() {
	}

	/** 1 × … inputs (or n × …) → N × …, in order; one input is returned as it is. */
	static Tensor stack(List<Tensor> inputs) {
		if (inputs.size() == 1) {
			return inputs.get(0);
		}
		long[] shape = inputs.get(0).shape().clone();
		long rows = 0;
		int length = 0;
		for (Tensor input : inputs) {
			rows += input.shape()[0];
			length += input.data().length;
		}
		shape[0] = rows;
		float[] data = new float[length];
		int at = 0;
		for (Tensor input : inputs) {
			System.arraycopy(input.data(), 0, data, at, input.data().length);
			at += input.data().length;
		}
		return new Tensor(data, shape);
	}

	/** N × … → N tensors of 1 × …, in order. */
	static List<Tensor> unstack(Tensor output, int parts) {
		if (parts == 1) {
			return List.of(output);
		}
		if (output.shape().length == 0 || output.shape()[0] != parts) {
			throw new IllegalStateException(
					"a batch of " + parts + " gave an output of shape " + Arrays.toString(output.shape()));
		}
		int row = output.data().length / parts;
		long[] shape = output.shape().clone();
		shape[0] = 1;
		List<Tensor> rows = new ArrayList<>(parts);
		for (int i = 0; i < parts; i++) {
			rows.add(new Tensor(Arrays.copyOfRange(output.data(), i * row, (i + 1) * row), shape));
		}
		return rows;
	}

}
