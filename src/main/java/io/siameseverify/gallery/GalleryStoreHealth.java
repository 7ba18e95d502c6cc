package io.siameseverify.gallery;

import io.siameseverify.gallery.store.GalleryStore;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the store of record answers ({@code galleryStore} in {@code /actuator/health}).
 * Not part of readiness: while the store is down, verify and identify go on serving from
 * memory, and only enrolment and deletion answer 503.
 */
@Component("galleryStoreHealthIndicator")
class GalleryStoreHealth implements HealthIndicator {

	private final GalleryStore store;

	GalleryStoreHealth(GalleryStore store) {
		this.store = store;
	}

	@Override
	public Health health() {
		GalleryStore.Health state = this.store.health();
		return (state.up() ? Health.up() : Health.down()).withDetail("store", this.store.kind())
			.withDetails(state.details())
			.build();
	}

}
