package io.siameseverify.gallery;

/**
 * The model's gallery is still loading from its store of record.
 */
public class GalleryNotReadyException extends RuntimeException {

	public GalleryNotReadyException(String model) {
		super("the gallery of model %s is still loading; retry shortly".formatted(model));
	}

}
