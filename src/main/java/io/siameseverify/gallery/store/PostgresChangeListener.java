package io.siameseverify.gallery.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the changes other replicas make: LISTENs on its own connection (outside the
 * pool) for the notification every write sends at commit, and tells the follower which
 * model changed. Missing a notification costs at most {@code pollInterval}: without one,
 * it asks the follower to check every model, and pings the connection. When the
 * connection breaks it reconnects with backoff and asks for a resync, so that what
 * changed meanwhile is replayed.
 */
final class PostgresChangeListener implements AutoCloseable {

	static final String CHANNEL = "siamese_gallery";

	private static final Logger log = LoggerFactory.getLogger(PostgresChangeListener.class);

	private final ConnectionSource connections;

	private final Duration pollInterval;

	private final Clock clock;

	private volatile boolean closed;

	private volatile Thread thread;

	private volatile State state;

	PostgresChangeListener(ConnectionSource connections, Duration pollInterval, Clock clock) {
		this.connections = connections;
		this.pollInterval = pollInterval;
		this.clock = clock;
		this.state = new State(false, clock.instant(), "not started");
	}

	/** Opens a connection of its own, outside any pool. */
	@FunctionalInterface
	interface ConnectionSource {

		Connection open() throws SQLException;

	}

	/** Whether the listener is connected, since when, and the last failure. */
	private record State(boolean listening, Instant since, String error) {
	}

	synchronized void start(GalleryStore.ChangeFollower follower) {
		if (this.thread != null) {
			return;
		}
		this.thread = Thread.ofPlatform().name("gallery-change-listener").daemon().start(() -> run(follower));
	}

	private void run(GalleryStore.ChangeFollower follower) {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
		while (!this.closed) {
			try (Connection connection = this.connections.open()) {
				listen(connection);
				backoff.reset();
				follow(connection, follower);
			}
			catch (SQLException | RuntimeException ex) {
				if (this.closed) {
					return;
				}
				disconnected(ex);
				if (!backoff.pause()) {
					this.closed = true;
				}
			}
		}
	}

	private void listen(Connection connection) throws SQLException {
		try (Statement listen = connection.createStatement()) {
			listen.execute("LISTEN " + CHANNEL);
		}
		if (!this.state.listening()) {
			log.info("gallery store: listening for other replicas' changes");
		}
		this.state = new State(true, this.clock.instant(), null);
	}

	private void follow(Connection connection, GalleryStore.ChangeFollower follower) throws SQLException {
		// whatever changed while nobody listened
		follower.resync();
		PGConnection postgres = connection.unwrap(PGConnection.class);
		while (!this.closed) {
			PGNotification[] notifications = postgres.getNotifications((int) this.pollInterval.toMillis());
			if (notifications == null || notifications.length == 0) {
				ping(connection);
				follower.resync();
				continue;
			}
			Set<String> models = new LinkedHashSet<>();
			for (PGNotification notification : notifications) {
				models.add(notification.getParameter());
			}
			models.forEach(follower::changed);
		}
	}

	private static void ping(Connection connection) throws SQLException {
		try (Statement ping = connection.createStatement()) {
			ping.execute("SELECT 1");
		}
	}

	private void disconnected(Exception ex) {
		String error = (ex instanceof SQLException sql) ? "SQL state " + sql.getSQLState() : ex.getMessage();
		if (this.state.listening() || this.state.error() == null) {
			log.warn("gallery store: lost the connection to the database ({}); reconnecting", error);
			this.state = new State(false, this.clock.instant(), error);
		}
	}

	GalleryStore.Health health() {
		State current = this.state;
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("listening", current.listening());
		details.put("since", current.since().toString());
		if (current.error() != null) {
			details.put("error", current.error());
		}
		return new GalleryStore.Health(current.listening(), details);
	}

	@Override
	public void close() {
		this.closed = true;
		Thread running = this.thread;
		if (running != null) {
			running.interrupt();
		}
	}

}
