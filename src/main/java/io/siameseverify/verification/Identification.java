package io.siameseverify.verification;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siameseverify.encoder.Face;

/**
 * A 1:N answer: candidates by increasing distance (each subject's closest reference), and
 * {@code subjectId}, the best candidate within the threshold or {@code null} for "nobody
 * enrolled". (In 0.1.0 the chosen subject was called {@code match}, which in a decision
 * is a boolean.)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Identification(@JsonInclude(JsonInclude.Include.ALWAYS) String subjectId, List<Candidate> candidates,
		double threshold, String metric, String model, String modelVersion, List<Integer> facesFound,
		List<List<Face>> faces, List<String> inputs) {

	/** One enrolled subject and its distance to the probe. */
	public record Candidate(String subjectId, double distance, boolean match) {
	}

}
