package io.siameseverify.gallery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.siameseverify.gallery.store.GalleryStore;
import io.siameseverify.gallery.store.StoredReference;

/**
 * Takes a snapshot's references from the store and adds them to an index on a second
 * thread, in batches through a small queue, so that reading the store and building the
 * index overlap: with a million references each is a few seconds of work. Order is kept.
 */
final class IndexBuilder implements GalleryStore.LoadSink, AutoCloseable {

	private static final int BATCH = 4096;

	private static final List<StoredReference> END = List.of();

	private final GalleryIndex index;

	private final BlockingQueue<List<StoredReference>> batches = new ArrayBlockingQueue<>(8);

	private final Thread builder;

	private List<StoredReference> batch = new ArrayList<>(BATCH);

	private volatile RuntimeException failure;

	private boolean closed;

	IndexBuilder(GalleryIndex index) {
		this.index = index;
		this.builder = Thread.ofPlatform().name("gallery-index-builder").daemon().start(this::build);
	}

	@Override
	public void expect(int references) {
		this.index.reserve(references);
	}

	@Override
	public void accept(StoredReference reference) {
		this.batch.add(reference);
		if (this.batch.size() == BATCH) {
			hand(this.batch);
			this.batch = new ArrayList<>(BATCH);
		}
	}

	/** Waits until every reference handed over is in the index. */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		hand(this.batch);
		hand(END);
		try {
			this.builder.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.builder.interrupt();
			throw new IllegalStateException("interrupted while the gallery index was built", ex);
		}
		if (this.failure != null) {
			throw this.failure;
		}
	}

	private void build() {
		try {
			for (List<StoredReference> next = this.batches.take(); next != END; next = this.batches.take()) {
				if (this.failure == null) {
					next.forEach(this.index::add);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			this.failure = ex;
			this.batches.clear();
		}
	}

	private void hand(List<StoredReference> references) {
		if (this.failure != null && references != END) {
			throw this.failure;
		}
		try {
			this.batches.put(references);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the gallery was loaded", ex);
		}
	}

}
