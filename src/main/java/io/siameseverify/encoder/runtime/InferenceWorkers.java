package io.siameseverify.encoder.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The few threads that run every inference of every model. libtorch keeps an OpenMP
 * thread team per calling thread, and OpenMP keeps a team's threads spinning between
 * operators only while all teams together have no more threads than there are CPUs; past
 * that it puts them to sleep after every operator and wakes them for the next (measured
 * on two cores: 14 ms per face encoder forward with a team per network and per calling
 * thread, 8 ms for the same forward alone). Running all inference on {@code count} fixed
 * threads keeps the total at {@code count × intra-op threads}; docs/performance.md has
 * the figures that chose the defaults. A call borrows an idle worker, waiting at most
 * {@code maxWait}, then fails with {@link EncoderBusyException} rather than queueing
 * without bound.
 */
public final class InferenceWorkers implements AutoCloseable {

	private final List<Worker> all = new ArrayList<>();

	private final BlockingQueue<Worker> idle;

	private final Duration maxWait;

	public InferenceWorkers(int count, Duration maxWait) {
		this.maxWait = maxWait;
		this.idle = new ArrayBlockingQueue<>(count);
		for (int i = 0; i < count; i++) {
			Worker worker = new Worker(i);
			this.all.add(worker);
			this.idle.add(worker);
		}
	}

	int size() {
		return this.all.size();
	}

	/** Runs the task on an idle worker's thread; the task gets the worker's index. */
	<T> T call(Task<T> task) {
		Worker worker = borrow();
		try {
			return worker.call(task);
		}
		finally {
			giveBack(worker);
		}
	}

	Worker borrow() {
		try {
			Worker worker = this.idle.poll(this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
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
		this.idle.add(worker);
	}

	@Override
	public void close() {
		this.all.forEach(Worker::close);
	}

	/** Work for one worker, told which worker runs it. */
	@FunctionalInterface
	interface Task<T> {

		T run(int worker) throws Exception;

	}

	/** One thread, and its index into every network's predictors. */
	static final class Worker implements AutoCloseable {

		private final int index;

		private final ExecutorService thread;

		Worker(int index) {
			this.index = index;
			this.thread = Executors
				.newSingleThreadExecutor(Thread.ofPlatform().name("inference-" + index).daemon().factory());
		}

		<T> T call(Task<T> task) {
			Future<T> result;
			try {
				result = this.thread.submit(() -> task.run(this.index));
			}
			catch (RejectedExecutionException ex) {
				// a request that outlived the graceful shutdown: retryable, not an error
				throw new EncoderBusyException();
			}
			try {
				return result.get();
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
		}

	}

}
