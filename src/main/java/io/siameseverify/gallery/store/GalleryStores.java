package io.siameseverify.gallery.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The three stores of record, built from their settings.
 */
public final class GalleryStores {

	/** The embedded database's file name inside its directory. */
	public static final String EMBEDDED_FILE = "gallery.db";

	private GalleryStores() {
	}

	/** Keeps nothing beyond the process. */
	public static GalleryStore memory() {
		return new MemoryGalleryStore();
	}

	/**
	 * An SQLite file, {@code directory/gallery.db}, in a directory made private when it
	 * is created. WAL journal with a full sync at each commit: an acknowledged change
	 * survives a killed process and a power cut; readers go on while one writer commits.
	 * Deleted rows are overwritten ({@code secure_delete}): delete means gone from the
	 * file too.
	 */
	public static GalleryStore embedded(Path directory, Duration changeRetention, Clock clock, MeterRegistry meters) {
		HikariDataSource pool = sqlite(directory);
		pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
		return new JdbcGalleryStore("embedded", pool, SqlDialect.SQLITE, changeRetention, clock, null);
	}

	/**
	 * A PostgreSQL database shared by replicas, through the given pool; a connection of
	 * its own (same URL and credentials) listens for the other replicas' changes.
	 */
	public static GalleryStore postgres(HikariDataSource pool, Duration changeRetention, Duration pollInterval,
			Clock clock) {
		PostgresChangeListener listener = new PostgresChangeListener(() -> {
			Properties properties = new Properties();
			if (pool.getUsername() != null) {
				properties.setProperty("user", pool.getUsername());
			}
			if (pool.getPassword() != null) {
				properties.setProperty("password", pool.getPassword());
			}
			// a half-open connection fails within this instead of hanging the listener
			properties.setProperty("socketTimeout", "30");
			properties.setProperty("tcpKeepAlive", "true");
			properties.setProperty("ApplicationName", "siamese-verify gallery listener");
			return DriverManager.getConnection(pool.getJdbcUrl(), properties);
		}, pollInterval, clock);
		return new JdbcGalleryStore("postgres", pool, SqlDialect.POSTGRES, changeRetention, clock, listener);
	}

	/** A pool over the SQLite file; its connections open on first use. */
	static HikariDataSource sqlite(Path directory) {
		createPrivateDirectory(directory);
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
		// the write-ahead log shrinks back to this after a checkpoint (an import of a
		// million references grows it to the size of the data)
		config.setJournalSizeLimit(64 << 20);
		config.setBusyTimeout(10_000);
		config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
		SQLiteDataSource sqlite = new SQLiteDataSource(config);
		sqlite.setUrl("jdbc:sqlite:" + directory.resolve(EMBEDDED_FILE));
		HikariDataSource pool = new HikariDataSource();
		pool.setDataSource(sqlite);
		pool.setPoolName("gallery-sqlite");
		pool.setMaximumPoolSize(4);
		pool.setMinimumIdle(1);
		return pool;
	}

	/**
	 * Creates the directory readable by this user only; one that exists (a mounted
	 * volume) keeps the permissions its owner gave it.
	 */
	private static void createPrivateDirectory(Path directory) {
		if (Files.isDirectory(directory)) {
			return;
		}
		try {
			Files.createDirectories(directory);
			if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
				Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the gallery directory " + directory, ex);
		}
	}

}
