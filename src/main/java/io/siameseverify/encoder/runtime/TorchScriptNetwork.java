package io.siameseverify.encoder.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siameseverify.encoder.card.InvalidModelException;

/**
 * One TorchScript file loaded once through DJL's PyTorch engine, with one
 * {@link Predictor} (not thread-safe) per inference worker: a call runs on a worker's
 * thread with that worker's predictor, batched with other calls for this network (see
 * {@link InferenceWorkers}). Meters, tagged by model and network: the batch sizes its
 * forwards ran ({@code siamese.encoder.batch.size}) and how long inputs waited for one
 * ({@code siamese.encoder.queue.wait}).
 */
public final class TorchScriptNetwork implements Network, AutoCloseable {

	private final ZooModel<Tensor, Tensor> model;

	private final InferenceWorkers workers;

	private final List<Predictor<Tensor, Tensor>> predictors = new ArrayList<>();

	/**
	 * Forwards hold it shared; close takes it whole, so never frees a running predictor.
	 */
	private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();

	private boolean closed;

	private final DistributionSummary batchSizes;

	private final int maxBatch;

	private final Timer queueWait;

	/** A network of no model in particular, its meters kept apart (tests, tools). */
	public TorchScriptNetwork(Path file, InferenceWorkers workers) {
		this(file, workers, new SimpleMeterRegistry(), "none", stripExtension(file.getFileName().toString()),
				Integer.MAX_VALUE);
	}

	/**
	 * @param model the model it serves, as meters name it
	 * @param role encoder, detector, landmarks…
	 * @param maxBatch most inputs of this network in one forward (the workers may allow
	 * fewer)
	 */
	public TorchScriptNetwork(Path file, InferenceWorkers workers, MeterRegistry meters, String model, String role,
			int maxBatch) {
		this.workers = workers;
		this.maxBatch = maxBatch;
		this.batchSizes = DistributionSummary.builder("siamese.encoder.batch.size")
			.description("inputs per forward pass")
			.tags("model", model, "network", role)
			.serviceLevelObjectives(1, 2, 4, 8, 16, 32)
			.register(meters);
		this.queueWait = Timer.builder("siamese.encoder.queue.wait")
			.description("time an input waited for its forward pass to begin")
			.tags("model", model, "network", role)
			.publishPercentileHistogram()
			.register(meters);
		Criteria<Tensor, Tensor> criteria = Criteria.builder()
			.setTypes(Tensor.class, Tensor.class)
			.optModelPath(file.getParent())
			.optModelName(stripExtension(file.getFileName().toString()))
			.optEngine("PyTorch")
			.optTranslator(new TensorTranslator())
			.build();
		try {
			this.model = criteria.loadModel();
		}
		catch (IOException | ModelNotFoundException | MalformedModelException ex) {
			throw new InvalidModelException(file + ": not loadable as TorchScript: " + ex.getMessage(), ex);
		}
		for (int i = 0; i < workers.size(); i++) {
			this.predictors.add(this.model.newPredictor());
		}
	}

	/** This network's output for one input, computed on an inference worker. */
	public Tensor run(Tensor input) {
		return this.workers.infer(this, input);
	}

	/**
	 * This network's outputs for several inputs of one call, in order, queued together so
	 * that they can share a forward.
	 */
	public List<Tensor> runAll(List<Tensor> inputs) {
		return this.workers.inferAll(this, inputs);
	}

	@Override
	public Tensor forward(int worker, Tensor batch) {
		this.inUse.readLock().lock();
		try {
			if (this.closed) {
				throw new EncoderBusyException();
			}
			return this.predictors.get(worker).predict(batch);
		}
		catch (TranslateException ex) {
			throw new IllegalStateException("forward pass failed: " + ex.getMessage(), ex);
		}
		finally {
			this.inUse.readLock().unlock();
		}
	}

	@Override
	public int maxBatch() {
		return this.maxBatch;
	}

	@Override
	public void ranBatch(int size) {
		this.batchSizes.record(size);
	}

	@Override
	public void waited(long nanos) {
		this.queueWait.record(nanos, TimeUnit.NANOSECONDS);
	}

	/** Waits for forwards in progress, then frees the predictors and the model; once. */
	@Override
	public void close() {
		this.inUse.writeLock().lock();
		try {
			if (!this.closed) {
				this.closed = true;
				this.predictors.forEach(Predictor::close);
				this.model.close();
			}
		}
		finally {
			this.inUse.writeLock().unlock();
		}
	}

	private static String stripExtension(String name) {
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

	/** Tensors in and out, allocated only from the predictor context's manager. */
	private static final class TensorTranslator implements Translator<Tensor, Tensor> {

		@Override
		public NDList processInput(TranslatorContext ctx, Tensor input) {
			return new NDList(ctx.getNDManager().create(input.data(), new Shape(input.shape())));
		}

		/** Tensors arrive with their batch axis: no batchifier may add another. */
		@Override
		public Batchifier getBatchifier() {
			return null;
		}

		@Override
		public Tensor processOutput(TranslatorContext ctx, NDList list) {
			NDArray output = list.singletonOrThrow();
			return new Tensor(output.toFloatArray(), output.getShape().getShape());
		}

	}

}
