package io.siameseverify.encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.siameseverify.encoder.image.ImageRejectedException;
import io.siameseverify.encoder.runtime.EncoderBusyException;

/**
 * Many images of one request, each encoded or refused on its own. A few images are in
 * flight at once (at most the runtime's batch), so that their forward passes run as
 * batches like those of concurrent requests, while decoding stays within its memory. An
 * image the caller got wrong is that image's answer; anything else (overload, a model not
 * ready, a fault) fails the whole request, since no image's answer could be trusted to be
 * the caller's.
 */
public final class BatchEncoding {

	private BatchEncoding() {
	}

	/** Each image's outcome, in the order of the images. */
	public static List<Outcome> encodeEach(EncoderModel model, List<byte[]> images, EncodeOptions options,
			int inFlight) {
		Outcome[] outcomes = new Outcome[images.size()];
		AtomicInteger next = new AtomicInteger();
		Runnable drain = () -> {
			for (int i = next.getAndIncrement(); i < images.size(); i = next.getAndIncrement()) {
				outcomes[i] = encodeOne(model, images.get(i), options);
			}
		};
		int threads = Math.max(1, Math.min(inFlight, images.size()));
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> drains = new ArrayList<>(threads);
			for (int t = 0; t < threads; t++) {
				drains.add(executor.submit(drain));
			}
			for (Future<?> running : drains) {
				waitFor(running, next, images.size());
			}
		}
		return List.of(outcomes);
	}

	private static Outcome encodeOne(EncoderModel model, byte[] image, EncodeOptions options) {
		try {
			return new Outcome(model.encode(image, options), null);
		}
		catch (ImageRejectedException ex) {
			return new Outcome(null, ex);
		}
	}

	/** Rethrows a failure that is not an image's own, after stopping the other drains. */
	private static void waitFor(Future<?> running, AtomicInteger next, int images) {
		try {
			running.get();
		}
		catch (ExecutionException ex) {
			next.set(images);
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			next.set(images);
			Thread.currentThread().interrupt();
			throw new EncoderBusyException();
		}
	}

	/**
	 * One image's outcome: its encoding, or why it was refused.
	 *
	 * @param encoding the embedding, when the image was encoded
	 * @param rejection why not, otherwise
	 */
	public record Outcome(Encoding encoding, ImageRejectedException rejection) {

		public boolean encoded() {
			return this.encoding != null;
		}

	}

}
