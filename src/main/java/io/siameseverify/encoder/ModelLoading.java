package io.siameseverify.encoder;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Loads the models once the web server is up. Runners run after the server has started
 * and before the application is marked ready, so liveness answers during the load,
 * readiness stays down until it is done, and a model that fails to load still stops
 * start-up. Also the {@code models} health indicator, part of the readiness group.
 */
@Component("models")
class ModelLoading implements ApplicationRunner, HealthIndicator, Ordered {

	private final ModelRegistry registry;

	ModelLoading(ModelRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.registry.loadAll();
	}

	@Override
	public Health health() {
		Health.Builder health = this.registry.isAllLoaded() ? Health.up() : Health.outOfService();
		this.registry.specs()
			.forEach((spec) -> health.withDetail(spec.name(),
					this.registry.isLoaded(spec.name()) ? "ready" : "loading"));
		return health.build();
	}

	/** Before other runners: nothing else should wait on the models. */
	@Override
	public int getOrder() {
		return 0;
	}

}
