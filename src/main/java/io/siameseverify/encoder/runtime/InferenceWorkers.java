package io.siameseverify.encoder.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The few threads that run every inference of every model, in batches across requests.
 * libtorch keeps an OpenMP thread team per calling thread, and OpenMP keeps a team's
 * threads spinning between operators only while all teams together have no more threads
 * than there are CPUs; past that it puts them to sleep after every operator and wakes
 * them for the next (measured on two cores: 14 ms per face encoder forward with a team
 * per network and per calling thread, 8 ms for the same forward alone). Running all
 * inference on {@code count} fixed threads keeps the total at
 * {@code count × intra-op threads}; docs/performance.md has the figures that chose the
 * defaults.
 *
 * <p>
 * A call queues its input. An idle worker takes the oldest input, and with it every input
 * queued for the same network and of the same shape, up to {@code maxBatch} (or the
 * network's own {@link Network#maxBatch() maximum}, if lower), and runs them as one
 * forward: a network's forward costs less per image in a batch (about half at 16 on the
 * face encoder). While other workers are idle it takes only its share of the queue, so
 * that they run the rest at the same time. A worker whose batch is not full waits up to
 * {@code batchWindow} for more only while there are more calls in flight than workers:
 * with no more calls than workers, each call can have a worker of its own at once, and
 * waiting would only delay it (measured: at two clients on two workers the wait cost 18 %
 * of the throughput). A call whose forward has not begun after {@code maxWait} is taken
 * off the queue and fails with {@link EncoderBusyException}, rather than queueing without
 * bound.
 */
public final class InferenceWorkers implements AutoCloseable {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition queued = this.lock.newCondition();

	private final ArrayDeque<Job> queue = new ArrayDeque<>();

	private final Duration maxWait;

	private final int maxBatch;

	private final long windowNanos;

	private final int count;

	/** Calls in the batches the workers run now. */
	private int running;

	/** Workers waiting for an input. */
	private int idle;

	private boolean closed;

	/** Workers that run one input per forward. */
	public InferenceWorkers(int count, Duration maxWait) {
		this(count, maxWait, 1, Duration.ZERO);
	}

	public InferenceWorkers(int count, Duration maxWait, int maxBatch, Duration batchWindow) {
		this.maxWait = maxWait;
		this.maxBatch = Math.max(1, maxBatch);
		this.windowNanos = batchWindow.toNanos();
		this.count = count;
		for (int i = 0; i < count; i++) {
			int index = i;
			Thread.ofPlatform().name("inference-" + i).daemon().start(() -> work(index));
		}
	}

	public int size() {
		return this.count;
	}

	/** Workers waiting for an input now. */
	int idle() {
		this.lock.lock();
		try {
			return this.idle;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Inputs waiting for a forward now. */
	int queued() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The network's output for this input, computed on a worker, batched with others. */
	Tensor infer(Network network, Tensor input) {
		return inferAll(network, List.of(input)).get(0);
	}

	/**
	 * The network's outputs for these inputs, in order. They are queued together, so that
	 * they can share a forward with each other and with other calls, and share one
	 * deadline: if any has not begun after {@code maxWait}, those not begun are
	 * withdrawn.
	 */
	List<Tensor> inferAll(Network network, List<Tensor> inputs) {
		List<Job> jobs = inputs.stream().map((input) -> new Job(network, input)).toList();
		this.lock.lock();
		try {
			if (this.closed) {
				throw new EncoderBusyException();
			}
			this.queue.addAll(jobs);
			// every waiter: one collecting a batch may not want these inputs, an idle one
			// does
			this.queued.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		long deadline = System.nanoTime() + this.maxWait.toNanos();
		List<Tensor> outputs = new ArrayList<>(jobs.size());
		for (Job job : jobs) {
			outputs.add(await(job, deadline, jobs));
		}
		return outputs;
	}

	private Tensor await(Job job, long deadline, List<Job> together) {
		try {
			return job.result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			if (withdraw(job)) {
				together.forEach(this::withdraw);
				throw new EncoderBusyException(this.maxWait);
			}
			// its forward has begun: it ends soon
			return result(job);
		}
		catch (ExecutionException ex) {
			together.forEach(this::withdraw);
			throw rethrown(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			together.forEach(this::withdraw);
			throw new EncoderBusyException(this.maxWait);
		}
	}

	private boolean withdraw(Job job) {
		this.lock.lock();
		try {
			return this.queue.remove(job);
		}
		finally {
			this.lock.unlock();
		}
	}

	private static Tensor result(Job job) {
		try {
			return job.result.get();
		}
		catch (ExecutionException ex) {
			throw rethrown(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for inference", ex);
		}
	}

	private static RuntimeException rethrown(ExecutionException ex) {
		return (ex.getCause() instanceof RuntimeException runtime) ? runtime
				: new IllegalStateException("inference failed: " + ex.getCause().getMessage(), ex.getCause());
	}

	private void work(int index) {
		while (true) {
			List<Job> batch = next();
			if (batch == null) {
				return;
			}
			try {
				run(index, batch);
			}
			catch (Error fatal) {
				// out of memory, or a native library failing: answer the calls, which
				// would wait for ever otherwise, and go on with the next batch
				batch.forEach((job) -> job.result.completeExceptionally(fatal));
			}
			finally {
				this.lock.lock();
				try {
					this.running -= batch.size();
				}
				finally {
					this.lock.unlock();
				}
			}
		}
	}

	/** The next batch, or null once closed; counts its calls as running. */
	private List<Job> next() {
		this.lock.lock();
		try {
			while (this.queue.isEmpty() && !this.closed) {
				this.idle++;
				this.queued.awaitUninterruptibly();
				this.idle--;
			}
			if (this.closed) {
				return null;
			}
			Job first = this.queue.poll();
			List<Job> batch = new ArrayList<>(List.of(first));
			takeAlike(first, batch, shareOfTheQueue());
			long remaining = this.windowNanos;
			while (batch.size() < maxBatch(first) && remaining > 0 && moreCallsThanWorkers(batch) && !this.closed) {
				remaining = this.queued.awaitNanos(remaining);
				takeAlike(first, batch, Integer.MAX_VALUE);
			}
			this.running += batch.size();
			return batch;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * With other workers idle, this one takes its share of what is queued and leaves them
	 * the rest: the inputs then run side by side, each forward on its own worker's
	 * threads (a face's chip and its mirror image, queued together by one call, at c=1
	 * take 20.7 to 23.7 ms batched on one worker against 14.6 to 16.1 ms for one input
	 * alone). With none idle, the whole queue is this worker's to batch.
	 */
	private int shareOfTheQueue() {
		return Math.ceilDiv(this.queue.size() + 1, this.idle + 1);
	}

	private boolean moreCallsThanWorkers(List<Job> collecting) {
		return collecting.size() + this.running + this.queue.size() > this.count;
	}

	private int maxBatch(Job first) {
		return Math.min(this.maxBatch, first.network.maxBatch());
	}

	/**
	 * Moves queued inputs for the same network and shape into the batch, up to full or
	 * {@code share} inputs.
	 */
	private void takeAlike(Job first, List<Job> batch, int share) {
		if (first.input.shape().length == 0 || first.input.shape()[0] != 1) {
			return;
		}
		Iterator<Job> queued = this.queue.iterator();
		int most = Math.min(maxBatch(first), share);
		while (batch.size() < most && queued.hasNext()) {
			Job job = queued.next();
			if (job.network == first.network && Arrays.equals(job.input.shape(), first.input.shape())) {
				queued.remove();
				batch.add(job);
			}
		}
	}

	private static void run(int worker, List<Job> batch) {
		Network network = batch.get(0).network;
		long started = System.nanoTime();
		batch.forEach((job) -> network.waited(started - job.queued));
		try {
			List<Tensor> outputs = Tensors.unstack(network.forward(worker, Tensors.stack(inputs(batch))), batch.size());
			network.ranBatch(batch.size());
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).result.complete(outputs.get(i));
			}
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				batch.get(0).result.completeExceptionally(ex);
				return;
			}
			// a network traced for one input may refuse a batch: each input alone
			for (Job job : batch) {
				try {
					Tensor output = network.forward(worker, job.input);
					network.ranBatch(1);
					job.result.complete(output);
				}
				catch (RuntimeException alone) {
					job.result.completeExceptionally(alone);
				}
			}
		}
	}

	private static List<Tensor> inputs(List<Job> batch) {
		return batch.stream().map((job) -> job.input).toList();
	}

	/**
	 * Stops the workers once their current forward ends; inputs still queued fail as
	 * retryable (the service is stopping).
	 */
	@Override
	public void close() {
		List<Job> left;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			left = new ArrayList<>(this.queue);
			this.queue.clear();
			this.queued.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		left.forEach((job) -> job.result.completeExceptionally(new EncoderBusyException()));
	}

	/** One input waiting for, or in, a forward. */
	private static final class Job {

		private final Network network;

		private final Tensor input;

		private final CompletableFuture<Tensor> result = new CompletableFuture<>();

		private final long queued = System.nanoTime();

		Job(Network network, Tensor input) {
			this.network = network;
			this.input = input;
		}

	}

}
