package io.siameseverify.gallery.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of record in a relational database: SQLite for one process, PostgreSQL for
 * replicas that share one gallery. Writes to one model take the model's lock, number
 * their changes in the model's sequence and log them, so that every process replays the
 * same changes in the same order; the log is pruned after {@code changeRetention}.
 */
public class JdbcGalleryStore implements GalleryStore {

	private static final Logger log = LoggerFactory.getLogger(JdbcGalleryStore.class);

	private final String kind;

	private final DataSource dataSource;

	private final SqlDialect dialect;

	private final Jdbc jdbc;

	private final Duration changeRetention;

	private final Clock clock;

	private final PostgresChangeListener listener;

	private final ScheduledExecutorService pruner = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "gallery-change-pruner");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * @param listener for PostgreSQL, what follows other replicas' changes; {@code null}
	 * when no other process writes to the store
	 */
	JdbcGalleryStore(String kind, DataSource dataSource, SqlDialect dialect, Duration changeRetention, Clock clock,
			PostgresChangeListener listener) {
		this.kind = kind;
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.jdbc = new Jdbc(dataSource, dialect);
		this.changeRetention = changeRetention;
		this.clock = clock;
		this.listener = listener;
	}

	@Override
	public String kind() {
		return this.kind;
	}

	@Override
	public void prepare() {
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations(this.dialect.migrations())
			.table("gallery_schema_history")
			.load()
			.migrate();
	}

	@Override
	public Snapshot load(ModelKey key, LoadSink sink) {
		return this.jdbc.read("load", (connection) -> {
			long position = ModelHead.read(connection, key.model()).head();
			sink.expect(ReferenceRows.count(connection, key));
			ReferenceRows.stream(connection, this.dialect, key, sink);
			return new Snapshot(position, ReferenceRows.otherVersions(connection, key));
		});
	}

	@Override
	public void replay(ModelKey key, long position, ChangeSink sink) {
		this.jdbc.read("replay", (connection) -> {
			ChangeLog.replay(connection, this.dialect, key, ModelHead.read(connection, key.model()), position, sink);
			return null;
		});
	}

	@Override
	public <T> T write(ModelKey key, long position, ChangeSink sink, Work<T> work) {
		Written<T> written = this.jdbc.write("write", (connection) -> {
			ModelHead head = ModelHead.lock(connection, key.model());
			ChangeLog.replay(connection, this.dialect, key, head, position, sink);
			JdbcWriter writer = new JdbcWriter(connection, this.dialect, key, head.head(), this.clock.millis());
			T result = work.run(writer);
			writer.finish();
			return new Written<>(result, writer);
		});
		if (written.writer().isBulk()) {
			replay(key, written.writer().startHead(), sink);
		}
		else {
			written.writer().changes().forEach(sink::apply);
		}
		return written.result();
	}

	/** What a committed write transaction returned, and the writer that made it. */
	private record Written<T>(T result, JdbcWriter writer) {
	}

	@Override
	public void export(ModelKey key, Consumer<StoredReference> sink) {
		this.jdbc.read("export", (connection) -> {
			ReferenceRows.stream(connection, this.dialect, key, sink);
			return null;
		});
	}

	@Override
	public void follow(ChangeFollower follower) {
		if (this.listener != null) {
			this.listener.start(follower);
		}
		long period = Math.max(Duration.ofMinutes(1).toMillis(), this.changeRetention.toMillis() / 4);
		this.pruner.scheduleWithFixedDelay(this::pruneQuietly, period, period, TimeUnit.MILLISECONDS);
	}

	/** Deletes changes older than the retention time from the log, for every model. */
	void prune() {
		long cutoff = this.clock.millis() - this.changeRetention.toMillis();
		for (String model : models()) {
			int deleted = this.jdbc.write("prune", (connection) -> {
				ModelHead.lock(connection, model);
				return ChangeLog.prune(connection, model, cutoff);
			});
			if (deleted > 0) {
				log.debug("pruned {} changes of model {} from the change log", deleted, model);
			}
		}
	}

	private void pruneQuietly() {
		try {
			prune();
		}
		catch (RuntimeException ex) {
			log.warn("pruning the gallery change log failed: {}", ex.getMessage());
		}
	}

	private List<String> models() {
		return this.jdbc.read("prune", (connection) -> {
			List<String> models = new ArrayList<>();
			try (PreparedStatement select = connection.prepareStatement("SELECT model FROM gallery_model");
					ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					models.add(rows.getString(1));
				}
			}
			return models;
		});
	}

	@Override
	public Health health() {
		if (this.listener != null) {
			return this.listener.health();
		}
		Map<String, Object> details = new LinkedHashMap<>();
		try (Connection connection = this.dataSource.getConnection()) {
			boolean valid = connection.isValid(1);
			return new Health(valid, details);
		}
		catch (SQLException ex) {
			details.put("error", "SQL state " + ex.getSQLState());
			return new Health(false, details);
		}
	}

	@Override
	public void close() {
		this.pruner.shutdownNow();
		if (this.listener != null) {
			this.listener.close();
		}
		if (this.dataSource instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				log.warn("closing the gallery store's connections failed: {}", ex.getClass().getSimpleName());
			}
		}
	}

}
