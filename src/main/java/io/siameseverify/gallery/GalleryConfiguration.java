package io.siameseverify.gallery;

import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.siameseverify.gallery.store.GalleryStore;
import io.siameseverify.gallery.store.GalleryStores;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The store of record that {@code siamese.gallery.store} names. PostgreSQL takes Spring's
 * {@code spring.datasource.*} settings (URL, credentials, and {@code hikari.*} for the
 * pool); its pool is made here rather than by Spring Boot's data source
 * auto-configuration, which would want a URL even for the embedded and memory stores.
 */
@Configuration(proxyBeanMethods = false)
class GalleryConfiguration {

	@Bean(destroyMethod = "close")
	GalleryStore galleryStore(GalleryProperties properties, Environment environment, MeterRegistry meters) {
		Clock clock = Clock.systemUTC();
		return switch (properties.store()) {
			case MEMORY -> GalleryStores.memory();
			case EMBEDDED ->
				GalleryStores.embedded(properties.embedded().path(), properties.changeRetention(), clock, meters);
			case POSTGRES -> GalleryStores.postgres(postgresPool(environment, meters), properties.changeRetention(),
					properties.postgres().pollInterval(), clock);
		};
	}

	/** A Hikari pool from {@code spring.datasource.*}, as Spring Boot would make it. */
	private static HikariDataSource postgresPool(Environment environment, MeterRegistry meters) {
		Binder binder = Binder.get(environment);
		DataSourceProperties settings = binder.bind("spring.datasource", DataSourceProperties.class)
			.orElseGet(DataSourceProperties::new);
		settings.setBeanClassLoader(GalleryConfiguration.class.getClassLoader());
		HikariDataSource pool = settings.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		pool.setPoolName("gallery-postgres");
		binder.bind("spring.datasource.hikari", Bindable.ofInstance(pool));
		pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
		return pool;
	}

}
