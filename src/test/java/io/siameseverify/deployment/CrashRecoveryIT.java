package io.siameseverify.deployment;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.siameseverify.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * (a) The packaged jar killed with SIGKILL in the middle of concurrent enrolments and
 * deletions, then started again on the same store: every acknowledged enrolment is there
 * with its embedding bit for bit, every acknowledged deletion is gone, and nothing else
 * is there but what was in flight at the kill. For the embedded store and PostgreSQL.
 */
class CrashRecoveryIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 60;

	@TempDir
	Path data;

	@Test
	void embeddedStoreShouldHoldExactlyTheAcknowledgedStateAfterSigkill() throws Exception {
		try (ServiceProcess service = ServiceProcess.start("--siamese.gallery.embedded.path=" + this.data)) {
			crashAndCheck(service);
		}
	}

	@Test
	void postgresStoreShouldHoldExactlyTheAcknowledgedStateAfterSigkill() throws Exception {
		PostgresServer server = PostgresServer.shared();
		String[] arguments = Arrays.stream(server.serviceProperties(server.createDatabase()))
			.map((property) -> "--" + property)
			.toArray(String[]::new);
		try (ServiceProcess service = ServiceProcess.start(arguments)) {
			crashAndCheck(service);
		}
	}

	private void crashAndCheck(ServiceProcess service) throws Exception {
		byte[] face = Files.readAllBytes(Path.of("models/face/golden/sample1-face0-encoder.png"));
		Ledger ledger = new Ledger();
		AtomicBoolean killed = new AtomicBoolean();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < 4; c++) {
			int client = c;
			running.add(clients.submit(() -> churn(service, face, client, ledger, killed)));
		}
		while (ledger.acknowledged.get() < ACKNOWLEDGED_BEFORE_THE_KILL) {
			Thread.sleep(10);
		}
		killed.set(true);
		service.kill();
		for (Future<?> client : running) {
			client.get();
		}
		clients.shutdown();

		service.restart();
		Map<String, List<String>> found = gallery(service);
		for (Map.Entry<String, String> enrolled : ledger.enrolled.entrySet()) {
			String subject = enrolled.getKey();
			if (ledger.deleted.contains(subject)) {
				assertThat(found).as("acknowledged deletion of %s", subject).doesNotContainKey(subject);
			}
			else if (!ledger.uncertain.contains(subject)) {
				assertThat(found).as("acknowledged enrolment of %s", subject)
					.containsEntry(subject, List.of(enrolled.getValue()));
			}
		}
		assertThat(found.keySet()).as("nothing but what was acknowledged or in flight")
			.allMatch((subject) -> ledger.enrolled.containsKey(subject) || ledger.uncertain.contains(subject));
		assertThat(ledger.deleted).as("deletions were part of the run").isNotEmpty();

		float[] embedding = JSON.treeToValue(
				JSON.readTree(service.post("/v1/models/face/embeddings?detect=false", face).body()).get("embedding"),
				float[].class);
		// stored rows are intact; the tolerance is the one batched and single forwards
		// agree within, since an enrolment may have been encoded in a batch
		for (String line : service.get("/v1/models/face/gallery").body().split("\n")) {
			assertThat(JSON.treeToValue(JSON.readTree(line).get("embedding"), float[].class)).containsExactly(embedding,
					within(1e-5f));
		}
	}

	/**
	 * Enrols new subjects and deletes some of its own acknowledged ones until the kill.
	 */
	private static void churn(ServiceProcess service, byte[] face, int client, Ledger ledger, AtomicBoolean killed) {
		List<String> mine = new ArrayList<>();
		for (int i = 0; !killed.get(); i++) {
			String subject = "c" + client + "-" + i;
			ledger.uncertain.add(subject);
			try {
				HttpResponse<String> enrolled = service
					.post("/v1/models/face/subjects/" + subject + "/references?detect=false", face);
				assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
				ledger.enrolled.put(subject, JSON.readTree(enrolled.body()).at("/references/0/referenceId").asString());
				ledger.uncertain.remove(subject);
				ledger.acknowledged.incrementAndGet();
				mine.add(subject);
				if (i % 3 == 2) {
					String victim = mine.remove(0);
					ledger.uncertain.add(victim);
					HttpResponse<String> deleted = service.delete("/v1/models/face/subjects/" + victim);
					assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
					ledger.deleted.add(victim);
					ledger.uncertain.remove(victim);
					ledger.acknowledged.incrementAndGet();
				}
			}
			catch (IOException ex) {
				// the kill: what was in flight stays uncertain
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Every subject the service serves, with its reference ids. */
	private static Map<String, List<String>> gallery(ServiceProcess service) throws Exception {
		Map<String, List<String>> found = new HashMap<>();
		JsonNode page = JSON.readTree(service.get("/v1/models/face/subjects?limit=1000").body());
		for (JsonNode subject : page.get("subjects")) {
			String id = subject.get("subjectId").asString();
			JsonNode references = JSON.readTree(service.get("/v1/models/face/subjects/" + id).body()).get("references");
			List<String> ids = new ArrayList<>();
			references.forEach((reference) -> ids.add(reference.get("referenceId").asString()));
			found.put(id, ids);
		}
		assertThat(page.get("total").asInt()).isEqualTo(found.size());
		return found;
	}

	/** What the clients were told, and what was in flight when the service died. */
	private static final class Ledger {

		final Map<String, String> enrolled = new ConcurrentHashMap<>();

		final Set<String> deleted = ConcurrentHashMap.newKeySet();

		final Set<String> uncertain = ConcurrentHashMap.newKeySet();

		final AtomicInteger acknowledged = new AtomicInteger();

	}

}
