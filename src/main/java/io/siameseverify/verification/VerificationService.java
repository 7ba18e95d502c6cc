package io.siameseverify.verification;

import java.util.Arrays;
import java.util.List;

import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.EncodedInput;
import io.siameseverify.encoder.EncoderModel;
import io.siameseverify.encoder.Encoding;
import io.siameseverify.encoder.Face;
import io.siameseverify.encoder.InvalidParameterException;
import io.siameseverify.encoder.ModelRegistry;
import io.siameseverify.encoder.card.SubjectRule;
import io.siameseverify.gallery.Comparison;
import io.siameseverify.gallery.Galleries;
import io.siameseverify.gallery.Gallery;
import io.siameseverify.gallery.SubjectId;
import io.siameseverify.gallery.UnknownSubjectException;

import org.springframework.stereotype.Service;

/**
 * Encodes probes and decides: pair, probe against a subject, probe against everyone.
 */
@Service
class VerificationService {

	static final int MAX_CANDIDATES = 100;

	private final ModelRegistry models;

	private final Galleries galleries;

	private final DecisionMetrics metrics;

	VerificationService(ModelRegistry models, Galleries galleries, DecisionMetrics metrics) {
		this.models = models;
		this.galleries = galleries;
		this.metrics = metrics;
	}

	Decision verifyPair(String modelName, byte[] first, byte[] second, Double threshold, EncodeOptions options) {
		EncoderModel model = this.models.get(modelName);
		double limit = Thresholds.resolve(model, threshold);
		Encoding a = model.encode(first, options, "image1");
		Encoding b = model.encode(second, options, "image2");
		double distance = model.metric().distance(a.embedding().values(), b.embedding().values());
		return decide(model, "pair", distance, limit, null, null, Seen.of(options, a, b));
	}

	Decision verifySubject(String modelName, SubjectId subject, byte[] probe, Double threshold, EncodeOptions options) {
		EncoderModel model = this.models.get(modelName);
		SubjectRule rule = model.spec().subjectRule();
		double limit = Thresholds.resolve(model, rule, threshold);
		Gallery gallery = this.galleries.of(modelName);
		// 404 before paying for the encoding
		gallery.subject(subject).orElseThrow(UnknownSubjectException::new);
		Encoding encoding = model.encode(probe, options);
		Comparison comparison = gallery.compare(subject, encoding.embedding().values());
		double score = rule.score(comparison.distances(), comparison.spread());
		return decide(model, "subject", score, limit, comparison.nearest().referenceId(), rule.label(),
				Seen.of(options, encoding));
	}

	Identification identify(String modelName, byte[] probe, int limit, Double threshold, EncodeOptions options) {
		if (limit < 1 || limit > MAX_CANDIDATES) {
			throw new InvalidParameterException("limit must lie within [1, %d]".formatted(MAX_CANDIDATES));
		}
		EncoderModel model = this.models.get(modelName);
		double accept = Thresholds.resolve(model, threshold);
		Encoding encoding = model.encode(probe, options);
		List<Identification.Candidate> candidates = this.galleries.of(modelName)
			.identify(encoding.embedding().values(), limit)
			.stream()
			.map((m) -> new Identification.Candidate(m.subjectId().value(), m.distance(), m.distance() <= accept))
			.toList();
		String chosen = (!candidates.isEmpty() && candidates.get(0).match()) ? candidates.get(0).subjectId() : null;
		this.metrics.record(model.name(), "identify", chosen != null);
		Seen seen = Seen.of(options, encoding);
		return new Identification(chosen, candidates, accept, model.metric().id(), model.name(), model.version(),
				seen.counts(), seen.faces(), seen.inputs());
	}

	private Decision decide(EncoderModel model, String operation, double distance, double threshold, String referenceId,
			String rule, Seen seen) {
		boolean match = distance <= threshold;
		this.metrics.record(model.name(), operation, match);
		return new Decision(match, distance, threshold, model.metric().id(), model.name(), model.version(), referenceId,
				rule, seen.counts(), seen.faces(), seen.inputs());
	}

	/**
	 * What a request's images showed, as an answer reports it, an entry per image: the
	 * faces found ({@code null} when no image went through detection), and the encoder's
	 * inputs as pictures when the request asked for them.
	 */
	private record Seen(List<Integer> counts, List<List<Face>> faces, List<String> inputs) {

		static Seen of(EncodeOptions options, Encoding... encodings) {
			List<String> inputs = options.showInputs()
					? Arrays.stream(encodings).map((e) -> EncodedInput.pngDataUrl(e.input())).toList() : null;
			if (Arrays.stream(encodings).allMatch((e) -> e.faces() == null)) {
				return new Seen(null, null, inputs);
			}
			return new Seen(Arrays.stream(encodings).map(Encoding::facesFound).toList(),
					Arrays.stream(encodings).map(Encoding::faces).toList(), inputs);
		}

	}

}
