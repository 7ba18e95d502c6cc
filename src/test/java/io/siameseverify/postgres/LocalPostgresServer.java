package io.siameseverify.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the machine's server binaries ({@code PG_BIN}, or
 * Debian's {@code /usr/lib/postgresql/<version>/bin}), in a temporary directory, on a
 * free port of 127.0.0.1, with trust authentication and fsync off (the tests kill the
 * service, never the database). PostgreSQL refuses to run as root, so as root it runs as
 * the {@code postgres} user.
 */
final class LocalPostgresServer extends PostgresServer {

	private final Path bin;

	private final Path directory;

	private final int port;

	private boolean running;

	private LocalPostgresServer(Path bin, Path directory, int port) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
	}

	/** Why no local server can be started, or null if one can. */
	static String whyUnavailable() {
		if (binaries() == null) {
			return "no PostgreSQL server binaries (set PG_BIN, or install Debian's postgresql)";
		}
		if (isRoot() && run(List.of("id", "-u", "postgres")) != 0) {
			return "running as root without a postgres user to run the server as";
		}
		return null;
	}

	static LocalPostgresServer startLocal() {
		try {
			Path directory = Files.createTempDirectory("siamese-postgres");
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
			Path data = directory.resolve("data");
			Files.createDirectory(data);
			if (isRoot()) {
				check(run(List.of("chown", "-R", "postgres", directory.toString())), "chown");
			}
			LocalPostgresServer server = new LocalPostgresServer(binaries(), directory, freePort());
			server.initdb();
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void initdb() {
		check(run(asServerUser(this.bin.resolve("initdb").toString(), "-D", data(), "-U", "postgres", "-A", "trust",
				"-E", "UTF8", "--locale=C", "--no-sync")), "initdb");
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		String options = "-p %d -c listen_addresses=127.0.0.1 -k %s -F".formatted(this.port, this.directory);
		check(run(asServerUser(this.bin.resolve("pg_ctl").toString(), "-D", data(), "-l",
				this.directory.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start")),
				"pg_ctl start");
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		if (this.running) {
			check(run(asServerUser(this.bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop")),
					"pg_ctl stop");
			this.running = false;
		}
	}

	@Override
	public synchronized void close() {
		stop();
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind is harmless
		}
	}

	@Override
	public String host() {
		return "127.0.0.1";
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String username() {
		return "postgres";
	}

	@Override
	public String password() {
		return "";
	}

	private String data() {
		return this.directory.resolve("data").toString();
	}

	private static List<String> asServerUser(String... command) {
		List<String> line = new ArrayList<>();
		if (isRoot()) {
			line.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		line.addAll(List.of(command));
		return line;
	}

	private static Path binaries() {
		String configured = System.getenv("PG_BIN");
		if (configured != null) {
			return Files.isExecutable(Path.of(configured, "pg_ctl")) ? Path.of(configured) : null;
		}
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparing(LocalPostgresServer::majorVersion))
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static int majorVersion(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static int run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static void check(int exitCode, String step) {
		if (exitCode != 0) {
			throw new IllegalStateException("PostgreSQL %s failed with exit code %d".formatted(step, exitCode));
		}
	}

}
