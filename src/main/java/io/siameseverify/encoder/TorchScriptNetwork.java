package io.siameseverify.encoder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * One TorchScript file loaded once through DJL's PyTorch engine, with a fixed pool of
 * {@link Predictor}s (a predictor is not thread-safe): a call borrows one, runs, returns
 * it. When every predictor is busy for longer than the wait, the call fails with
 * {@link EncoderBusyException} rather than queueing without bound.
 */
final class TorchScriptNetwork implements AutoCloseable {

	private final ZooModel<Tensor, Tensor> model;

	private final BlockingQueue<Predictor<Tensor, Tensor>> predictors;

	private final Duration maxWait;

	private final AtomicBoolean closed = new AtomicBoolean();

	TorchScriptNetwork(Path file, int poolSize, Duration maxWait) {
		this.maxWait = maxWait;
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
		this.predictors = new ArrayBlockingQueue<>(poolSize);
		for (int i = 0; i < poolSize; i++) {
			this.predictors.add(this.model.newPredictor());
		}
	}

	Tensor run(Tensor input) {
		Predictor<Tensor, Tensor> predictor = borrow();
		try {
			return predictor.predict(input);
		}
		catch (TranslateException ex) {
			throw new IllegalStateException("inference failed: " + ex.getMessage(), ex);
		}
		finally {
			this.predictors.add(predictor);
		}
	}

	private Predictor<Tensor, Tensor> borrow() {
		try {
			Predictor<Tensor, Tensor> predictor = this.predictors.poll(this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
			if (predictor == null) {
				throw new EncoderBusyException(this.maxWait);
			}
			return predictor;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EncoderBusyException(this.maxWait);
		}
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.predictors.forEach(Predictor::close);
			this.model.close();
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
