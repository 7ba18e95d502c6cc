package io.siameseverify.encoder.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inference workers' scheduling, on a network whose forward the test controls: inputs
 * queued while the workers are busy run as one batch, each gets its own row back, a call
 * not begun within the wait fails as overloaded, a network's own maximum batch holds,
 * distinct calls use distinct workers when they cannot be batched, and a batch the
 * network refuses runs input by input.
 */
class InferenceWorkersTests {

	@Test
	void inputsQueuedWhileTheWorkerIsBusyShouldRunAsOneBatchEachGettingItsRow() throws Exception {
		GatedNetwork network = new GatedNetwork();
		holdOneThenQueue(network, 5);
		assertThat(network.batches).containsExactly(1, 5);
	}

	@Test
	void aNetworkWithItsOwnMaximumShouldGetNoLargerBatches() throws Exception {
		GatedNetwork network = new GatedNetwork();
		network.maxBatch = 2;
		holdOneThenQueue(network, 5);
		assertThat(network.batches).containsExactly(1, 2, 2, 1);
	}

	@Test
	void aCallNotBegunWithinTheWaitShouldFailAsOverloadedAndLeaveTheQueue() throws Exception {
		GatedNetwork network = new GatedNetwork();
		try (OneWorkerHeld held = new OneWorkerHeld(network, Duration.ofMillis(100))) {
			assertThatThrownBy(() -> held.workers.infer(network, input(1))).isInstanceOf(EncoderBusyException.class)
				.hasMessage("every inference worker busy for 100 ms");
			held.release();
			assertThat(held.workers.infer(network, input(2)).data()).containsExactly(2f, 30f);
		}
		// the withdrawn input never ran
		assertThat(network.batches).containsExactly(1, 1);
	}

	@Test
	void inputsOfOneCallShouldShareAForwardAndComeBackInOrder() throws Exception {
		GatedNetwork network = new GatedNetwork();
		try (OneWorkerHeld held = new OneWorkerHeld(network, Duration.ofSeconds(10))) {
			Future<List<Tensor>> call = held.callers
				.submit(() -> held.workers.inferAll(network, List.of(input(1), input(2))));
			awaitQueued(held.workers, 2);
			held.release();
			assertThat(call.get(5, TimeUnit.SECONDS)).extracting(Tensor::data)
				.containsExactly(new float[] { 1, 20 }, new float[] { 2, 30 });
		}
		assertThat(network.batches).containsExactly(1, 2);
	}

	@Test
	void inputsOfOneCallNotBegunWithinTheWaitShouldAllLeaveTheQueue() throws Exception {
		GatedNetwork network = new GatedNetwork();
		try (OneWorkerHeld held = new OneWorkerHeld(network, Duration.ofMillis(100))) {
			assertThatThrownBy(() -> held.workers.inferAll(network, List.of(input(1), input(2))))
				.isInstanceOf(EncoderBusyException.class);
			assertThat(held.workers.queued()).isZero();
			held.release();
		}
		assertThat(network.batches).containsExactly(1);
	}

	@Test
	void callsThatCannotBeBatchedShouldRunOnDistinctWorkerThreads() throws Exception {
		int count = 3;
		CountDownLatch allInside = new CountDownLatch(count);
		ConcurrentHashMap<String, Integer> threads = new ConcurrentHashMap<>();
		Network meeting = new RecordingNetwork() {
			@Override
			public Tensor forward(int worker, Tensor batch) {
				threads.put(Thread.currentThread().getName(), worker);
				allInside.countDown();
				// every forward holds its worker until all are in: only distinct
				// workers can get there
				try {
					assertThat(allInside.await(5, TimeUnit.SECONDS)).isTrue();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return batch;
			}
		};
		try (InferenceWorkers workers = new InferenceWorkers(count, Duration.ofSeconds(5), 1, Duration.ZERO);
				ExecutorService callers = Executors.newFixedThreadPool(count)) {
			List<Future<Tensor>> calls = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int value = i;
				calls.add(callers.submit(() -> workers.infer(meeting, input(value))));
			}
			for (Future<Tensor> call : calls) {
				assertThat(call.get(10, TimeUnit.SECONDS).data()).hasSize(2);
			}
		}
		assertThat(threads).containsOnlyKeys("inference-0", "inference-1", "inference-2");
		assertThat(threads.values()).containsExactlyInAnyOrder(0, 1, 2);
	}

	@Test
	void inputsOfOneCallWhileWorkersAreIdleShouldRunSideBySide() throws Exception {
		CountDownLatch bothInside = new CountDownLatch(2);
		RecordingNetwork meeting = new RecordingNetwork() {
			@Override
			public Tensor forward(int worker, Tensor batch) {
				bothInside.countDown();
				// a forward holding both inputs waits here alone, and gives up
				try {
					bothInside.await(2, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return batch;
			}
		};
		try (InferenceWorkers workers = new InferenceWorkers(2, Duration.ofSeconds(10), 16, Duration.ofMillis(2))) {
			awaitIdle(workers, 2);
			assertThat(workers.inferAll(meeting, List.of(input(1), input(2)))).extracting(Tensor::data)
				.containsExactly(new float[] { 1, 0 }, new float[] { 2, 0 });
		}
		assertThat(meeting.batches).containsExactly(1, 1);
	}

	@Test
	@Timeout(30) // without an answer the call would wait for ever
	void aForwardEndingInAnErrorShouldFailItsCallAndLeaveTheWorkerServing() throws Exception {
		RecordingNetwork failingOnce = new RecordingNetwork() {
			private boolean failed;

			@Override
			public Tensor forward(int worker, Tensor batch) {
				if (!this.failed) {
					this.failed = true;
					throw new OutOfMemoryError("a forward out of memory");
				}
				return batch;
			}
		};
		try (InferenceWorkers workers = new InferenceWorkers(1, Duration.ofSeconds(5), 16, Duration.ZERO)) {
			assertThatThrownBy(() -> workers.infer(failingOnce, input(1))).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("a forward out of memory");
			assertThat(workers.infer(failingOnce, input(2)).data()).containsExactly(2f, 0f);
		}
	}

	@Test
	void aBatchTheNetworkRefusesShouldRunInputByInput() throws Exception {
		GatedNetwork network = new GatedNetwork() {
			@Override
			public Tensor forward(int worker, Tensor batch) {
				if (batch.shape()[0] > 1) {
					throw new IllegalStateException("traced for one input");
				}
				return super.forward(worker, batch);
			}
		};
		holdOneThenQueue(network, 3);
		assertThat(network.batches).containsExactly(1, 1, 1, 1);
	}

	@Test
	void closingShouldFailWhatIsStillQueuedAsRetryable() throws Exception {
		GatedNetwork network = new GatedNetwork();
		InferenceWorkers workers = new InferenceWorkers(1, Duration.ofSeconds(10), 16, Duration.ZERO);
		try (ExecutorService callers = Executors.newFixedThreadPool(2)) {
			Future<Tensor> running = callers.submit(() -> workers.infer(network, input(0)));
			assertThat(network.entered.await(5, TimeUnit.SECONDS)).isTrue();
			Future<Tensor> waiting = callers.submit(() -> workers.infer(network, input(1)));
			awaitQueued(workers, 1);
			workers.close();
			assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(EncoderBusyException.class);
			network.gate.countDown();
			assertThat(running.get(5, TimeUnit.SECONDS).data()).containsExactly(0f, 10f);
			assertThatThrownBy(() -> workers.infer(network, input(2))).isInstanceOf(EncoderBusyException.class);
		}
	}

	/** A 1 × 2 input (value, 0). */
	/**
	 * With no more calls than workers a call has a worker of its own: it runs at once,
	 * even with a long window and another worker busy.
	 */
	@Test
	void aCallWithAWorkerOfItsOwnShouldNotWaitForTheWindow() throws Exception {
		HeldNetwork network = new HeldNetwork();
		CountDownLatch holding = network.hold(0);
		try (InferenceWorkers workers = new InferenceWorkers(2, Duration.ofSeconds(60), 16, Duration.ofSeconds(60));
				ExecutorService callers = Executors.newFixedThreadPool(2)) {
			Future<Tensor> held = callers.submit(() -> workers.infer(network, input(0)));
			network.awaitEntered(0);
			Future<Tensor> second = callers.submit(() -> workers.infer(network, input(1)));
			assertThat(second.get(10, TimeUnit.SECONDS).data()).containsExactly(1f, 0f);
			holding.countDown();
			held.get(10, TimeUnit.SECONDS);
		}
		assertThat(network.batches).containsExactly(1, 1);
	}

	/**
	 * With more calls than workers, a worker waits within the window for more of its
	 * network and runs them as one batch.
	 */
	@Test
	void moreCallsThanWorkersShouldWaitWithinTheWindowAndBatch() throws Exception {
		HeldNetwork network = new HeldNetwork();
		HeldNetwork other = new HeldNetwork();
		CountDownLatch holding = network.hold(0);
		try (InferenceWorkers workers = new InferenceWorkers(1, Duration.ofSeconds(60), 2, Duration.ofSeconds(60));
				ExecutorService callers = Executors.newFixedThreadPool(4)) {
			List<Future<Tensor>> calls = new ArrayList<>();
			calls.add(callers.submit(() -> workers.infer(network, input(0))));
			network.awaitEntered(0);
			calls.add(callers.submit(() -> workers.infer(network, input(1))));
			awaitQueued(workers, 1);
			// another network's call waits too: two calls in flight for one worker
			calls.add(callers.submit(() -> workers.infer(other, input(2))));
			awaitQueued(workers, 2);
			holding.countDown();
			// the worker took input 1 and waits for more of its network: only the other
			// network's call is left in the queue
			awaitQueued(workers, 1);
			calls.add(callers.submit(() -> workers.infer(network, input(3))));
			for (int call = 0; call < 4; call++) {
				assertThat(calls.get(call).get(10, TimeUnit.SECONDS).data()).containsExactly(call, 0f);
			}
		}
		assertThat(network.batches).containsExactly(1, 2);
		assertThat(other.batches).containsExactly(1);
	}

	/**
	 * Input 0 holds the one worker at the network's gate while inputs 1 to {@code queued}
	 * queue behind it; then the gate opens, and every call must get its own row back.
	 */
	private static void holdOneThenQueue(GatedNetwork network, int queued) throws Exception {
		try (InferenceWorkers workers = new InferenceWorkers(1, Duration.ofSeconds(10), 16, Duration.ZERO);
				ExecutorService callers = Executors.newFixedThreadPool(queued + 1)) {
			List<Future<Tensor>> calls = new ArrayList<>();
			calls.add(callers.submit(() -> workers.infer(network, input(0))));
			assertThat(network.entered.await(5, TimeUnit.SECONDS)).isTrue();
			for (int i = 1; i <= queued; i++) {
				int value = i;
				calls.add(callers.submit(() -> workers.infer(network, input(value))));
			}
			awaitQueued(workers, queued);
			network.gate.countDown();
			for (int i = 0; i <= queued; i++) {
				assertThat(calls.get(i).get(5, TimeUnit.SECONDS).data()).containsExactly(i, 10f * i + 10);
			}
		}
	}

	/**
	 * One worker, held at the network's gate by input 0 from another thread, and a second
	 * caller thread for the test; {@link #release} opens the gate and checks input 0's
	 * row.
	 */
	private static final class OneWorkerHeld implements AutoCloseable {

		final InferenceWorkers workers;

		final ExecutorService callers = Executors.newFixedThreadPool(2);

		private final GatedNetwork network;

		private final Future<Tensor> holding;

		OneWorkerHeld(GatedNetwork network, Duration maxWait) throws InterruptedException {
			this.network = network;
			this.workers = new InferenceWorkers(1, maxWait, 16, Duration.ZERO);
			this.holding = this.callers.submit(() -> this.workers.infer(network, input(0)));
			assertThat(network.entered.await(5, TimeUnit.SECONDS)).isTrue();
		}

		void release() throws Exception {
			this.network.gate.countDown();
			assertThat(this.holding.get(5, TimeUnit.SECONDS).data()).containsExactly(0f, 10f);
		}

		@Override
		public void close() {
			this.callers.close();
			this.workers.close();
		}

	}

	private static Tensor input(int value) {
		return new Tensor(new float[] { value, 0 }, new long[] { 1, 2 });
	}

	private static void awaitIdle(InferenceWorkers workers, int count) throws InterruptedException {
		awaitCount(workers::idle, count, "idle workers");
	}

	private static void awaitQueued(InferenceWorkers workers, int count) throws InterruptedException {
		awaitCount(workers::queued, count, "queued inputs");
	}

	private static void awaitCount(IntSupplier counted, int count, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (counted.getAsInt() != count && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(counted.getAsInt()).as(what).isEqualTo(count);
	}

	/**
	 * The identity, except that a forward whose first input is held waits for its gate.
	 */
	private static class HeldNetwork extends RecordingNetwork {

		private final Map<Float, CountDownLatch> gates = new ConcurrentHashMap<>();

		private final Map<Float, CountDownLatch> entered = new ConcurrentHashMap<>();

		CountDownLatch hold(int value) {
			CountDownLatch gate = new CountDownLatch(1);
			this.gates.put((float) value, gate);
			return gate;
		}

		void awaitEntered(int value) throws InterruptedException {
			assertThat(entered((float) value).await(5, TimeUnit.SECONDS)).as("forward of %d began", value).isTrue();
		}

		private CountDownLatch entered(float value) {
			return this.entered.computeIfAbsent(value, (v) -> new CountDownLatch(1));
		}

		@Override
		public Tensor forward(int worker, Tensor batch) {
			float first = batch.data()[0];
			entered(first).countDown();
			CountDownLatch gate = this.gates.get(first);
			try {
				if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("input " + first + " held for 10 s");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return batch;
		}

	}

	/** Records batch sizes; its forward is the identity. */
	private static class RecordingNetwork implements Network {

		final List<Integer> batches = new CopyOnWriteArrayList<>();

		@Override
		public Tensor forward(int worker, Tensor batch) {
			return batch;
		}

		@Override
		public void ranBatch(int size) {
			this.batches.add(size);
		}

		@Override
		public void waited(long nanos) {
		}

	}

	/**
	 * (x, y) → (x, 10 x + 10) per row, and its first forward waits at a gate, holding its
	 * worker.
	 */
	private static class GatedNetwork extends RecordingNetwork {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch gate = new CountDownLatch(1);

		int maxBatch = Integer.MAX_VALUE;

		@Override
		public int maxBatch() {
			return this.maxBatch;
		}

		@Override
		public Tensor forward(int worker, Tensor batch) {
			this.entered.countDown();
			try {
				assertThat(this.gate.await(10, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			float[] out = new float[batch.data().length];
			for (int row = 0; row < batch.shape()[0]; row++) {
				out[2 * row] = batch.data()[2 * row];
				out[2 * row + 1] = 10 * batch.data()[2 * row] + 10;
			}
			return new Tensor(out, batch.shape());
		}

	}

}
