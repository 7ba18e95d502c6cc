import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a gallery import file (NDJSON, the format GET /v1/models/{model}/gallery exports) of
 * SUBJECTS × PER_SUBJECT random references for the face model: 128-d Gaussian vectors with the
 * spread of real face embeddings, seeded, so that every run imports the same gallery; every
 * reference carries MODEL_VERSION, the face model version the service serves.
 *   java bench/GalleryFile.java OUT.ndjson SUBJECTS PER_SUBJECT MODEL_VERSION
 */
public class GalleryFile {

	public static void main(String[] args) throws IOException {
		Path out = Path.of(args[0]);
		int subjects = Integer.parseInt(args[1]);
		int perSubject = Integer.parseInt(args[2]);
		String modelVersion = args[3];
		Random random = new Random(42);
		String createdAt = Instant.parse("2026-11-01T00:00:00Z").toString();
		try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
			StringBuilder line = new StringBuilder(2048);
			for (int s = 0; s < subjects; s++) {
				for (int r = 0; r < perSubject; r++) {
					line.setLength(0);
					line.append("{\"subjectId\":\"s").append(s);
					line.append("\",\"referenceId\":\"").append(new UUID(random.nextLong(), random.nextLong()));
					line.append("\",\"createdAt\":\"").append(createdAt);
					line.append("\",\"modelVersion\":\"").append(modelVersion).append("\",\"embedding\":[");
					for (int i = 0; i < 128; i++) {
						if (i > 0) {
							line.append(',');
						}
						line.append((float) (random.nextGaussian() * 0.09));
					}
					line.append("]}\n");
					writer.append(line);
				}
			}
		}
	}

}
