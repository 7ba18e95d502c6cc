package io.siameseverify.encoder.runtime;

/**
 * What the inference workers run: a forward pass on a worker's own predictor, over a
 * batch of inputs stacked along the first axis, and the meters that watch it.
 */
interface Network {

	/** One forward of a batch (N × …) on worker {@code worker}'s predictor; N × … out. */
	Tensor forward(int worker, Tensor batch);

	/** A batch of this many inputs ran as one forward. */
	void ranBatch(int size);

	/** An input waited this long in the queue before its forward began. */
	void waited(long nanos);

	/**
	 * Most inputs this network takes in one forward, below the workers' own maximum: a
	 * network whose forward costs no less per input in a batch is better run alone.
	 */
	default int maxBatch() {
		return Integer.MAX_VALUE;
	}

}
