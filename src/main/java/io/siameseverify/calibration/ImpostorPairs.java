package io.siameseverify.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;

/**
 * The pairs to score, by kind, as the Python pipeline's {@code evaluation.py} forms them:
 * genuine (two genuine images of one identity); with forgeries, skilled (a genuine image
 * and a forgery of the same writer) and random (genuine images of two writers); with
 * cues, hard (the same cue by another writer) and random (another cue); otherwise
 * impostor (two identities). The first impostor kind decides. Kinds with more pairs than
 * the cap are sampled with the seed.
 */
final class ImpostorPairs {

	private ImpostorPairs() {
	}

	/**
	 * Distances by kind, "genuine" first, then the impostor kinds, the deciding one
	 * first.
	 */
	static Map<String, double[]> distances(List<LabelledImages.Item> items,
			ToDoubleBiFunction<Integer, Integer> distance, int cap, long seed) {
		boolean forgeries = items.stream().anyMatch(LabelledImages.Item::forgery);
		boolean cues = !forgeries && !items.isEmpty() && !items.get(0).cue().isEmpty();
		Map<String, List<int[]>> pairs = new LinkedHashMap<>();
		pairs.put("genuine", new ArrayList<>());
		for (String kind : forgeries ? List.of("skilled", "random")
				: cues ? List.of("hard", "random") : List.of("impostor")) {
			pairs.put(kind, new ArrayList<>());
		}
		for (int i = 0; i < items.size(); i++) {
			for (int j = i + 1; j < items.size(); j++) {
				String kind = kind(items.get(i), items.get(j), forgeries, cues);
				if (kind != null) {
					pairs.get(kind).add(new int[] { i, j });
				}
			}
		}
		Map<String, double[]> distances = new LinkedHashMap<>();
		pairs.forEach((kind, list) -> {
			if (!kind.equals("genuine") && list.size() > cap) {
				Collections.shuffle(list, new Random(seed));
				list = list.subList(0, cap);
			}
			distances.put(kind, list.stream().mapToDouble((p) -> distance.applyAsDouble(p[0], p[1])).toArray());
		});
		return distances;
	}

	private static String kind(LabelledImages.Item a, LabelledImages.Item b, boolean forgeries, boolean cues) {
		boolean sameIdentity = a.identity().equals(b.identity());
		if (a.forgery() || b.forgery()) {
			return (a.forgery() != b.forgery() && sameIdentity) ? "skilled" : null;
		}
		if (sameIdentity) {
			return "genuine";
		}
		if (forgeries) {
			return "random";
		}
		if (cues) {
			if (!a.cue().equals(b.cue())) {
				return "random";
			}
			return a.folder().equals(b.folder()) ? null : "hard";
		}
		return "impostor";
	}

}
