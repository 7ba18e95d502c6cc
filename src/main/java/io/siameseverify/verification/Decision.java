package io.siameseverify.verification;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siameseverify.encoder.Face;

/**
 * A verification decision: {@code match} is {@code distance <= threshold}. For a subject,
 * the rule that turned the probe's distances to the references into {@code distance}
 * (smallest, mean-of-nearest-k, spread-normalized: the model card's) and the closest
 * reference; for face models with detection, how many faces each image held and each face
 * found (box, score, and for the encoded one five landmarks), an entry per image; with
 * {@code inputs=true}, what the encoder saw (aligned chip, canvas), a PNG data URL per
 * image.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(boolean match, double distance, double threshold, String metric, String model,
		String modelVersion, String referenceId, String rule, List<Integer> facesFound, List<List<Face>> faces,
		List<String> inputs) {
}
