package io.siameseverify.gallery;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * After the models have loaded, waits for the galleries, so that the application counts
 * as started (and its readiness state turns to accepting traffic) only once both are in
 * memory. While the store does not answer, it waits: the service stays alive and its
 * readiness says why.
 */
@Component
class GalleryLoadingAwait implements ApplicationRunner, Ordered {

	private final GalleryLoading loading;

	GalleryLoadingAwait(GalleryLoading loading) {
		this.loading = loading;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		this.loading.await();
	}

	/** After the models. */
	@Override
	public int getOrder() {
		return 1;
	}

}
