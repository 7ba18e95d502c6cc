package io.siameseverify.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * A real PostgreSQL server for tests: a container when a Docker engine answers, otherwise
 * a throwaway cluster of the machine's own server binaries. {@link #stop} and
 * {@link #start} keep the data and the port, so that a test can restart the database
 * under a running service. Where neither is available the tests that need it are skipped
 * with a message, unless {@code SIAMESE_TEST_POSTGRES=required} (as {@code scripts/test}
 * sets it), where they fail instead.
 */
public abstract class PostgresServer implements AutoCloseable {

	private static PostgresServer shared;

	/**
	 * The server most tests share, started on first use and stopped when the JVM exits.
	 */
	public static synchronized PostgresServer shared() {
		if (shared == null) {
			shared = startNew();
			PostgresServer started = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(started::close));
		}
		return shared;
	}

	/** A server of its own, for a test that stops it; close it when done. */
	public static PostgresServer startNew() {
		if (DockerClientFactory.instance().isDockerAvailable()) {
			return ContainerPostgresServer.startContainer();
		}
		String missing = LocalPostgresServer.whyUnavailable();
		if (missing != null) {
			String message = "no PostgreSQL for the tests: no Docker engine, and " + missing;
			if ("required".equals(System.getenv("SIAMESE_TEST_POSTGRES"))) {
				throw new IllegalStateException(message);
			}
			Assumptions.abort(message);
		}
		return LocalPostgresServer.startLocal();
	}

	public abstract String host();

	public abstract int port();

	public abstract String username();

	public abstract String password();

	/** Stops the server, keeping its data and port. */
	public abstract void stop();

	/**
	 * Starts the stopped server again on the same port, with the same data (if stopped).
	 */
	public abstract void start();

	@Override
	public abstract void close();

	/** The JDBC URL of one database of this server. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://%s:%d/%s".formatted(host(), port(), database);
	}

	/** A new, empty database, so that tests sharing the server do not see each other. */
	public String createDatabase() {
		String name = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
				Statement create = connection.createStatement()) {
			create.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create a test database", ex);
		}
		return name;
	}

	/** Spring properties that point the service at one database of this server. */
	public String[] serviceProperties(String database) {
		return new String[] { "siamese.gallery.store=postgres", "spring.datasource.url=" + jdbcUrl(database),
				"spring.datasource.username=" + username(), "spring.datasource.password=" + password() };
	}

}
