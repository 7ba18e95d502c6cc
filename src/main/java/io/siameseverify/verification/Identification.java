package io.siameseverify.verification;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A 1:N answer: candidates by increasing distance (each subject's closest reference), and
 * {@code match}, the best candidate within the threshold or {@code null} for "nobody
 * enrolled".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Identification(@JsonInclude(JsonInclude.Include.ALWAYS) String match, List<Candidate> candidates,
		double threshold, String metric, String model, String modelVersion, List<Integer> facesFound) {

	/** One enrolled subject and its distance to the probe. */
	public record Candidate(String subjectId, double distance, boolean match) {
	}

}
