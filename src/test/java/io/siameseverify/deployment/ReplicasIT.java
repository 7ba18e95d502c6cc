package io.siameseverify.deployment;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.siameseverify.postgres.OwnPostgresServer;
import io.siameseverify.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two service processes, the packaged jar twice, on one PostgreSQL database: (b) what is
 * enrolled on one is identified on the other within a second, and what is deleted on one
 * is gone from the other within a second; (c) the database restarted under them: both
 * reconnect and catch up; (d) both enrolling and deleting at once for a while: both
 * galleries end equal to the database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final OwnPostgresServer postgres = new OwnPostgresServer();

	private static PostgresServer server;

	private static String database;

	private static ServiceProcess a;

	private static ServiceProcess b;

	private static byte[] alice;

	private static byte[] bob;

	@BeforeAll
	static void start() throws Exception {
		server = postgres.server();
		database = server.createDatabase();
		String[] arguments = Arrays.stream(server.serviceProperties(database))
			.map((property) -> "--" + property)
			.toArray(String[]::new);
		a = ServiceProcess.start(arguments);
		b = ServiceProcess.start(arguments);
		alice = Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png"));
		bob = Files.readAllBytes(Path.of("models/face/golden/sample1-face1-encoder.png"));
	}

	@AfterAll
	static void stop() throws Exception {
		for (ServiceProcess replica : new ServiceProcess[] { a, b }) {
			if (replica != null) {
				replica.close();
			}
		}
	}

	@Test
	@Order(1)
	void enrolledOnOneShouldBeIdentifiedOnTheOtherAndDeletedOnTheOtherGoneFromTheFirstWithinASecond() throws Exception {
		assertThat(a.post("/v1/models/face/subjects/alice/references?detect=false", alice).statusCode()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> "alice".equals(identify(b, alice)));

		assertThat(b.delete("/v1/models/face/subjects/alice").statusCode()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> a.get("/v1/models/face/subjects/alice").statusCode() == 404);
	}

	@Test
	@Order(2)
	void aRestartedDatabaseShouldBeReconnectedToAndCaughtUpWith() throws Exception {
		server.stop();
		assertThat(a.post("/v1/models/face/subjects/bob/references?detect=false", bob).statusCode()).isEqualTo(503);
		server.start();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> b.post("/v1/models/face/subjects/bob/references?detect=false", bob).statusCode() == 201);
		await().atMost(Duration.ofSeconds(20)).until(() -> "bob".equals(identify(a, bob)));
		for (ServiceProcess replica : new ServiceProcess[] { a, b }) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> "UP".equals(JSON.readTree(replica.management("/actuator/health").body())
					.at("/components/galleryStore/status")
					.asString()));
		}
	}

	@Test
	@Order(3)
	void concurrentChangesOnBothShouldLeaveBothGalleriesEqualToTheDatabase() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(4);
		List<Future<?>> running = new ArrayList<>();
		long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		for (int c = 0; c < 4; c++) {
			ServiceProcess replica = (c % 2 == 0) ? a : b;
			running.add(clients.submit(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				while (System.nanoTime() < until) {
					String subject = "s" + random.nextInt(12);
					HttpResponse<String> answer = (random.nextInt(3) == 0)
							? replica.delete("/v1/models/face/subjects/" + subject)
							: replica.post("/v1/models/face/subjects/" + subject + "/references?detect=false",
									random.nextBoolean() ? alice : bob);
					// 404: deleted by the other replica first; 409: the subject is full
					assertThat(answer.statusCode()).as(answer.body()).isIn(201, 204, 404, 409);
				}
				return null;
			}));
		}
		for (Future<?> client : running) {
			client.get();
		}
		clients.shutdown();
		Map<String, List<String>> stored = databaseGallery();
		assertThat(stored).isNotEmpty();
		assertThat(changes()).as("changes committed by the two replicas").isGreaterThan(100);
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(gallery(a)).isEqualTo(stored);
			assertThat(gallery(b)).isEqualTo(stored);
		});
	}

	private static String identify(ServiceProcess replica, byte[] face) throws Exception {
		JsonNode answer = JSON.readTree(replica.post("/v1/models/face/identify?detect=false", face).body());
		return answer.get("subjectId").isNull() ? null : answer.get("subjectId").asString();
	}

	/** Subject → reference ids, as one replica serves them. */
	private static Map<String, List<String>> gallery(ServiceProcess replica) throws Exception {
		Map<String, List<String>> gallery = new TreeMap<>();
		for (JsonNode subject : JSON.readTree(replica.get("/v1/models/face/subjects?limit=1000").body())
			.get("subjects")) {
			String id = subject.get("subjectId").asString();
			List<String> references = new ArrayList<>();
			JSON.readTree(replica.get("/v1/models/face/subjects/" + id).body())
				.get("references")
				.forEach((reference) -> references.add(reference.get("referenceId").asString()));
			gallery.put(id, references);
		}
		return gallery;
	}

	/** Subject → reference ids, as the database holds them, in enrolment order. */
	private static Map<String, List<String>> databaseGallery() throws Exception {
		Map<String, List<String>> gallery = new TreeMap<>();
		query("SELECT subject_id, reference_id FROM gallery_reference WHERE model = 'face' ORDER BY seq",
				(rows) -> gallery.computeIfAbsent(rows.getString(1), (s) -> new ArrayList<>()).add(rows.getString(2)));
		return gallery;
	}

	/** How many changes the face model's sequence has given out. */
	private static long changes() throws Exception {
		long[] head = new long[1];
		query("SELECT head FROM gallery_model WHERE model = 'face'", (rows) -> head[0] = rows.getLong(1));
		return head[0];
	}

	private static void query(String sql, RowReader reader) throws Exception {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), server.username(),
				server.password());
				Statement select = connection.createStatement();
				ResultSet rows = select.executeQuery(sql)) {
			while (rows.next()) {
				reader.read(rows);
			}
		}
	}

	@FunctionalInterface
	private interface RowReader {

		void read(ResultSet row) throws java.sql.SQLException;

	}

}
