package io.siameseverify.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL 17 in a container. Its port is bound to a fixed host port, chosen free when
 * the container is created, so that a restart keeps the address a running service was
 * given.
 */
final class ContainerPostgresServer extends PostgresServer {

	private final PostgreSQLContainer container;

	private final int port;

	private ContainerPostgresServer(PostgreSQLContainer container, int port) {
		this.container = container;
		this.port = port;
	}

	static ContainerPostgresServer startContainer() {
		int port = freePort();
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine")
			.withCreateContainerCmdModifier((cmd) -> cmd.getHostConfig()
				.withPortBindings(List.of(new PortBinding(Ports.Binding.bindPort(port), new ExposedPort(5432)))));
		container.start();
		return new ContainerPostgresServer(container, port);
	}

	@Override
	public String host() {
		return this.container.getHost();
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String username() {
		return this.container.getUsername();
	}

	@Override
	public String password() {
		return this.container.getPassword();
	}

	@Override
	public void stop() {
		this.container.getDockerClient().stopContainerCmd(this.container.getContainerId()).exec();
	}

	@Override
	public void start() {
		this.container.getDockerClient().startContainerCmd(this.container.getContainerId()).exec();
		awaitAcceptingConnections();
	}

	@Override
	public void close() {
		this.container.stop();
	}

	private void awaitAcceptingConnections() {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < deadline) {
			try (var connection = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), username(), password())) {
				return;
			}
			catch (java.sql.SQLException notYet) {
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
		throw new IllegalStateException("PostgreSQL did not come back within 60 s");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
