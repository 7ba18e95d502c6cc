package io.siameseverify.encoder.image;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.siameseverify.encoder.runtime.EncoderBusyException;

import org.springframework.util.unit.DataSize;

/**
 * The memory all images being decoded and preprocessed may hold at once, shared by every
 * model. A decode reserves what its header says it will take before it allocates a pixel,
 * and gives it back when its preprocessing is done, so that many large images at once
 * queue instead of passing the container's memory limit. A reservation waits at most
 * {@code maxWait} (then {@link EncoderBusyException}, a 503); one larger than the whole
 * budget waits for all of it and then runs alone. Counted in KiB, and not in arrival
 * order: a small image takes its share whenever there is room, rather than queueing
 * behind a large one, so that ordinary traffic goes on while bombs wait.
 */
public final class DecodeMemory {

	private static final long KIB = 1024;

	private final Semaphore kib;

	private final int totalKib;

	private final Duration maxWait;

	public DecodeMemory(DataSize total, Duration maxWait) {
		this.totalKib = (int) Math.clamp(total.toBytes() / KIB, 1, Integer.MAX_VALUE);
		this.kib = new Semaphore(this.totalKib);
		this.maxWait = maxWait;
	}

	/** Holds {@code bytes} of the budget until closed. */
	Reservation reserve(long bytes) {
		int wanted = (int) Math.clamp((bytes + KIB - 1) / KIB, 1, this.totalKib);
		try {
			if (!this.kib.tryAcquire(wanted, this.maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new EncoderBusyException(this.maxWait);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EncoderBusyException(this.maxWait);
		}
		return new Reservation(this.kib, wanted);
	}

	/** What is free now, in bytes (for tests and metrics). */
	long available() {
		return this.kib.availablePermits() * KIB;
	}

	/** A part of the budget, given back once by {@link #close}. */
	static final class Reservation implements AutoCloseable {

		private final Semaphore kib;

		private int held;

		private Reservation(Semaphore kib, int held) {
			this.kib = kib;
			this.held = held;
		}

		@Override
		public void close() {
			if (this.held > 0) {
				this.kib.release(this.held);
				this.held = 0;
			}
		}

	}

}
