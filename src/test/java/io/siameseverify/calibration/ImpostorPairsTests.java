package io.siameseverify.calibration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pairs formed by kind as the Python pipeline forms them; the "distance" of a pair here
 * encodes its indices, so each kind's pairs can be read back.
 */
class ImpostorPairsTests {

	@Test
	void forgeriesShouldMakeSkilledPairsWithTheirWritersGenuineImagesOnly() {
		List<LabelledImages.Item> items = List.of(genuine("w1"), genuine("w1"), forged("w1"), genuine("w2"),
				forged("w2"));
		Map<String, double[]> pairs = ImpostorPairs.distances(items, ImpostorPairsTests::code, 1000, 1);
		assertThat(pairs.keySet()).containsExactly("genuine", "skilled", "random");
		assertThat(pairs.get("genuine")).containsExactly(code(0, 1));
		assertThat(pairs.get("skilled")).containsExactly(code(0, 2), code(1, 2), code(3, 4));
		assertThat(pairs.get("random")).containsExactly(code(0, 3), code(1, 3));
	}

	@Test
	void cuesShouldMakeHardPairsOfTheSameNameByAnotherWriter() {
		List<LabelledImages.Item> items = List.of(named("w1", "n1"), named("w1", "n1"), named("w1", "n2"),
				named("w2", "n1"));
		Map<String, double[]> pairs = ImpostorPairs.distances(items, ImpostorPairsTests::code, 1000, 1);
		assertThat(pairs.keySet()).containsExactly("genuine", "hard", "random");
		assertThat(pairs.get("genuine")).containsExactly(code(0, 1));
		assertThat(pairs.get("hard")).containsExactly(code(0, 3), code(1, 3));
		assertThat(pairs.get("random")).containsExactly(code(0, 2), code(1, 2), code(2, 3));
	}

	@Test
	void plainFoldersShouldMakeImpostorPairsSampledToTheCap() {
		List<LabelledImages.Item> items = List.of(genuine("a"), genuine("a"), genuine("b"), genuine("c"));
		Map<String, double[]> pairs = ImpostorPairs.distances(items, ImpostorPairsTests::code, 2, 1);
		assertThat(pairs.keySet()).containsExactly("genuine", "impostor");
		assertThat(pairs.get("impostor")).hasSize(2);
	}

	private static double code(int i, int j) {
		return i * 10 + j;
	}

	private static LabelledImages.Item genuine(String writer) {
		return new LabelledImages.Item(Path.of(writer), writer, writer, "", false);
	}

	private static LabelledImages.Item forged(String writer) {
		return new LabelledImages.Item(Path.of(writer), writer, writer, "", true);
	}

	private static LabelledImages.Item named(String writer, String name) {
		return new LabelledImages.Item(Path.of(writer), writer + "/" + name, writer, name, false);
	}

}
