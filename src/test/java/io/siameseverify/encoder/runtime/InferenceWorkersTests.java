package io.siameseverify.encoder.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared inference workers, on the shipped signature encoder: a call waits for an
 * idle worker at most the configured time, then fails as overloaded instead of queueing
 * without bound; concurrent calls each get a worker of their own.
 */
class InferenceWorkersTests {

	private static final Tensor BLANK = new Tensor(new float[64 * 128], new long[] { 1, 1, 64, 128 });

	@Test
	void callShouldFailAsBusyWhenEveryWorkerStaysTaken() {
		try (InferenceWorkers workers = new InferenceWorkers(1, Duration.ofMillis(50));
				TorchScriptNetwork network = new TorchScriptNetwork(Path.of("models/signature/model.pt"), workers)) {
			InferenceWorkers.Worker held = workers.borrow();
			assertThatThrownBy(() -> network.run(BLANK)).isInstanceOf(EncoderBusyException.class)
				.hasMessage("every inference worker busy for 50 ms");
			workers.giveBack(held);
			assertThat(network.run(BLANK).data()).hasSize(128);
		}
	}

	@Test
	void concurrentCallsShouldRunOnDistinctWorkerThreads() throws Exception {
		int count = 3;
		CountDownLatch allInside = new CountDownLatch(count);
		ConcurrentHashMap<String, Integer> threads = new ConcurrentHashMap<>();
		try (InferenceWorkers workers = new InferenceWorkers(count, Duration.ofSeconds(5));
				ExecutorService callers = Executors.newFixedThreadPool(count)) {
			Future<?>[] calls = new Future<?>[count];
			for (int i = 0; i < count; i++) {
				calls[i] = callers.submit(() -> workers.call((worker) -> {
					threads.put(Thread.currentThread().getName(), worker);
					allInside.countDown();
					// every call holds its worker until all are in: only distinct workers
					// can get there
					return allInside.await(5, TimeUnit.SECONDS);
				}));
			}
			for (Future<?> call : calls) {
				assertThat(call.get()).isEqualTo(true);
			}
		}
		assertThat(threads).containsOnlyKeys("inference-0", "inference-1", "inference-2");
		assertThat(threads.values()).containsExactlyInAnyOrder(0, 1, 2);
	}

}
