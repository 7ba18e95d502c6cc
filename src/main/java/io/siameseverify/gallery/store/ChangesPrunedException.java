package io.siameseverify.gallery.store;

/**
 * The changes after a gallery's position have been pruned from the change log: the
 * gallery must load a fresh snapshot instead of replaying.
 */
public class ChangesPrunedException extends RuntimeException {

	ChangesPrunedException(String model, long position, long prunedThrough) {
		super("changes of model %s after %d were pruned through %d".formatted(model, position, prunedThrough));
	}

}
