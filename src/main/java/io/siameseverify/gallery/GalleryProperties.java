package io.siameseverify.gallery;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The galleries and their store of record ({@code siamese.gallery.*}).
 *
 * @param maxReferencesPerSubject references one subject may hold
 * @param maxSubjectsPerModel subjects one model's gallery may hold
 * @param store where enrolments are kept: {@code embedded} (an SQLite file, the default),
 * {@code postgres} (replicas share one gallery; {@code spring.datasource.*}) or
 * {@code memory} (lost when the process ends)
 * @param embedded the embedded store's settings
 * @param postgres the PostgreSQL store's settings
 * @param changeRetention how long the change log keeps a change; a replica away for
 * longer reloads its gallery instead of replaying
 */
@Validated
@ConfigurationProperties("siamese.gallery")
public record GalleryProperties(@DefaultValue("20") @Min(1) int maxReferencesPerSubject,
		@DefaultValue("1000000") @Min(1) int maxSubjectsPerModel, @DefaultValue("embedded") @NotNull Store store,
		@DefaultValue @Valid Embedded embedded, @DefaultValue @Valid Postgres postgres,
		@DefaultValue("1h") @NotNull Duration changeRetention) {

	/** Limits, with the memory store and every other setting at its default. */
	public static GalleryProperties limits(int maxReferencesPerSubject, int maxSubjectsPerModel) {
		return new GalleryProperties(maxReferencesPerSubject, maxSubjectsPerModel, Store.MEMORY,
				new Embedded(Path.of("data")), new Postgres(Duration.ofSeconds(1)), Duration.ofHours(1));
	}

	/** The kinds of store of record. */
	public enum Store {

		MEMORY, EMBEDDED, POSTGRES

	}

	/**
	 * The embedded store.
	 *
	 * @param path the directory of the database file {@code gallery.db}
	 */
	public record Embedded(@DefaultValue("data") @NotNull Path path) {
	}

	/**
	 * The PostgreSQL store.
	 *
	 * @param pollInterval how often a replica checks for changes it was not notified of,
	 * and pings its listening connection
	 */
	public record Postgres(@DefaultValue("1s") @NotNull Duration pollInterval) {
	}

}
