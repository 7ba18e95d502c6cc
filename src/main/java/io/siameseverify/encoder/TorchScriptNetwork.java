package io.siameseverify.encoder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * One TorchScript file loaded once through DJL's PyTorch engine, with a fixed pool of
 * workers: a {@link Predictor} (not thread-safe) and the one thread that always runs it.
 * libtorch keeps an intra-op thread team per calling thread: running every call on a
 * worker's own thread bounds the native threads to workers × intra-op threads, however
 * many HTTP threads there are, and keeps each team warm. A call borrows a worker, runs on
 * its thread, returns it. When every worker is busy for longer than the wait, the call
 * fails with {@link EncoderBusyException} rather than queueing without bound.
 */
final class TorchScriptNetwork implements AutoCloseable {

	private final ZooModel<Tensor, Tensor> model;

	private final BlockingQueue<Worker> workers;

	private final Duration maxWait;

	private final AtomicBoolean closed = new AtomicBoolean();

	TorchScriptNetwork(Path file, int poolSize, Duration maxWait) {
		this.maxWait = maxWait;
		String name = stripExtension(file.getFileName().toString());
		Criteria<Tensor, Tensor> criteria = Criteria.builder()
			.setTypes(Tensor.class, Tensor.class)
			.optModelPath(file.getParent())
			.optModelName(name)
			.optEngine("PyTorch")
			.optTranslator(new TensorTranslator())
			.build();
		try {
			this.model = criteria.loadModel();
		}
		catch (IOException | ModelNotFoundException | MalformedModelException ex) {
			throw new InvalidModelException(file + ": not loadable as TorchScript: " + ex.getMessage(), ex);
		}
		this.workers = new ArrayBlockingQueue<>(poolSize);
		for (int i = 0; i < poolSize; i++) {
			String thread = "inference-" + file.getParent().getFileName() + "-" + name + "-" + i;
			this.workers.add(new Worker(this.model.newPredictor(), thread));
		}
	}

	Tensor run(Tensor input) {
		Worker worker = borrow();
		try {
			return worker.predict(input);
		}
		finally {
			giveBack(worker);
		}
	}

	Worker borrow() {
		try {
			Worker worker = this.workers.poll(this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
			if (worker == null) {
				throw new EncoderBusyException(this.maxWait);
			}
			return worker;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EncoderBusyException(this.maxWait);
		}
	}

	void giveBack(Worker worker) {
		this.workers.add(worker);
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.workers.forEach(Worker::close);
			this.model.close();
		}
	}

	private static String stripExtension(String name) {
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

	/** A predictor and the single thread that runs it. */
	static final class Worker implements AutoCloseable {

		private final Predictor<Tensor, Tensor> predictor;

		private final ExecutorService thread;

		Worker(Predictor<Tensor, Tensor> predictor, String threadName) {
			this.predictor = predictor;
			this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(threadName).daemon().factory());
		}

		Tensor predict(Tensor input) {
			Future<Tensor> output = this.thread.submit(() -> this.predictor.predict(input));
			try {
				return output.get();
			}
			catch (InterruptedException ex) {
				// the worker finishes the call; the caller only stops waiting for it
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for inference", ex);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new IllegalStateException("inference failed: " + ex.getCause().getMessage(), ex.getCause());
			}
		}

		@Override
		public void close() {
			this.thread.shutdownNow();
			this.predictor.close();
		}

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
