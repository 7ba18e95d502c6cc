package io.siameseverify.gallery.store;

import java.time.Duration;

/**
 * Waits between attempts at something that failed: twice as long each time, up to a
 * limit, back to the start after a success.
 */
public final class Backoff {

	private final Duration first;

	private final Duration limit;

	private Duration next;

	public Backoff(Duration first, Duration limit) {
		this.first = first;
		this.limit = limit;
		this.next = first;
	}

	/** How long the next {@link #pause} will wait. */
	public Duration next() {
		return this.next;
	}

	/**
	 * Waits, then doubles the next wait.
	 * @return false if the thread was interrupted (its interrupt status is kept)
	 */
	public boolean pause() {
		try {
			Thread.sleep(this.next);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		Duration doubled = this.next.multipliedBy(2);
		this.next = (doubled.compareTo(this.limit) > 0) ? this.limit : doubled;
		return true;
	}

	/** After a success: the next failure waits the first wait again. */
	public void reset() {
		this.next = this.first;
	}

}
