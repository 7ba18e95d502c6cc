package io.siameseverify;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gives the items of a list, then throws instead of saying there are no more: a stream of
 * lines whose next line is bad.
 */
public final class FailingIterator<T> implements Iterator<T> {

	private final Iterator<T> items;

	private final Supplier<RuntimeException> failure;

	public FailingIterator(List<T> items, Supplier<RuntimeException> failure) {
		this.items = items.iterator();
		this.failure = failure;
	}

	@Override
	public boolean hasNext() {
		return true;
	}

	@Override
	public T next() {
		if (!this.items.hasNext()) {
			throw this.failure.get();
		}
		return this.items.next();
	}

}
