package io.siameseverify.gallery.store;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.siameseverify.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;

/**
 * The PostgreSQL store on a real server (a database of its own per test); a second store
 * on the same database stands for a second replica.
 */
class PostgresGalleryStoreTests extends JdbcGalleryStoreContract {

	private String database;

	private HikariDataSource older;

	@Override
	protected GalleryStore newStore() {
		this.database = PostgresServer.shared().createDatabase();
		return store(this.database, Duration.ofHours(1), Clock.systemUTC());
	}

	@Override
	protected GalleryStore otherProcess(Duration changeRetention, Clock clock) {
		return store(this.database, changeRetention, clock);
	}

	@Override
	protected DataSource emptyDatabase() {
		this.older = pool(PostgresServer.shared().createDatabase());
		return this.older;
	}

	@Override
	protected GalleryStore storeOver(DataSource database) {
		return new JdbcGalleryStore("postgres", database, SqlDialect.POSTGRES, Duration.ofHours(1), Clock.systemUTC(),
				null);
	}

	@Override
	protected SqlDialect dialect() {
		return SqlDialect.POSTGRES;
	}

	@AfterEach
	void closeOlder() {
		if (this.older != null) {
			this.older.close();
		}
	}

	static GalleryStore store(String database, Duration changeRetention, Clock clock) {
		return GalleryStores.postgres(pool(database), changeRetention, Duration.ofSeconds(1), clock);
	}

	static HikariDataSource pool(String database) {
		PostgresServer server = PostgresServer.shared();
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(server.jdbcUrl(database));
		pool.setUsername(server.username());
		pool.setPassword(server.password());
		pool.setMaximumPoolSize(4);
		return pool;
	}

}
