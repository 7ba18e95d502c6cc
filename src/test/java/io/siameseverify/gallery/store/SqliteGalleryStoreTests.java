package io.siameseverify.gallery.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store on a real SQLite file; a second store on the same file stands for a
 * second process.
 */
class SqliteGalleryStoreTests extends JdbcGalleryStoreContract {

	@TempDir
	Path directory;

	@Override
	protected GalleryStore newStore() {
		return store(this.directory.resolve("gallery"), Duration.ofHours(1), Clock.systemUTC());
	}

	@Override
	protected GalleryStore otherProcess(Duration changeRetention, Clock clock) {
		return store(this.directory.resolve("gallery"), changeRetention, clock);
	}

	@Override
	protected DataSource emptyDatabase() {
		return GalleryStores.sqlite(this.directory.resolve("older"));
	}

	@Override
	protected GalleryStore storeOver(DataSource database) {
		return new JdbcGalleryStore("embedded", database, SqlDialect.SQLITE, Duration.ofHours(1), Clock.systemUTC(),
				null);
	}

	@Override
	protected SqlDialect dialect() {
		return SqlDialect.SQLITE;
	}

	@Test
	void theDatabaseDirectoryShouldBeCreatedPrivate() throws Exception {
		Path created = this.directory.resolve("gallery");
		assertThat(Files.getPosixFilePermissions(created)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(created.resolve(GalleryStores.EMBEDDED_FILE)).isRegularFile();
	}

	private static GalleryStore store(Path directory, Duration changeRetention, Clock clock) {
		return GalleryStores.embedded(directory, changeRetention, clock, new SimpleMeterRegistry());
	}

}
