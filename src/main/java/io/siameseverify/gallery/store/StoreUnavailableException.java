package io.siameseverify.gallery.store;

/**
 * The store of record could not be reached or did not commit: nothing of the operation
 * was kept, and it may be retried. The message names the SQL state, never data.
 */
public class StoreUnavailableException extends RuntimeException {

	public StoreUnavailableException(String message) {
		super(message);
	}

}
