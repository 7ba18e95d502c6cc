package io.siameseverify.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL server of a test class's own, started before its tests and closed after
 * them, for tests that stop and start it:
 * {@code @RegisterExtension static final OwnPostgresServer postgres = new OwnPostgresServer();}
 */
public final class OwnPostgresServer implements BeforeAllCallback, AfterAllCallback {

	private PostgresServer server;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = PostgresServer.startNew();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.server != null) {
			this.server.close();
		}
	}

	public PostgresServer server() {
		return this.server;
	}

}
