package io.siameseverify.verification;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A verification decision: {@code match} is {@code distance <= threshold}. For a subject,
 * the reference that decided it (the closest one); for face models with detection, how
 * many faces each image held (the largest was used).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(boolean match, double distance, double threshold, String metric, String model,
		String modelVersion, String referenceId, List<Integer> facesFound) {
}
