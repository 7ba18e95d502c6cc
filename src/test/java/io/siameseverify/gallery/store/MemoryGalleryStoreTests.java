package io.siameseverify.gallery.store;

/**
 * The memory store keeps the contract for as long as the process lives.
 */
class MemoryGalleryStoreTests extends GalleryStoreContract {

	@Override
	protected GalleryStore newStore() {
		return GalleryStores.memory();
	}

}
