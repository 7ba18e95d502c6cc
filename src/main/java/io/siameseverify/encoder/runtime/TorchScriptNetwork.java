package io.siameseverify.encoder.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import io.siameseverify.encoder.card.InvalidModelException;

/**
 * One TorchScript file loaded once through DJL's PyTorch engine, with one
 * {@link Predictor} (not thread-safe) per inference worker: a call runs on a worker's
 * thread with that worker's predictor.
 */
public final class TorchScriptNetwork implements AutoCloseable {

	private final ZooModel<Tensor, Tensor> model;

	private final InferenceWorkers workers;

	private final List<Predictor<Tensor, Tensor>> predictors = new ArrayList<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	public TorchScriptNetwork(Path file, InferenceWorkers workers) {
		this.workers = workers;
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

	public Tensor run(Tensor input) {
		return this.workers.call((worker) -> this.predictors.get(worker).predict(input));
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
