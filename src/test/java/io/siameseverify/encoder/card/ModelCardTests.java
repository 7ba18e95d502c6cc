package io.siameseverify.encoder.card;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped cards' embedding settings as the service reads them.
 */
class ModelCardTests {

	@Test
	void embeddingWhenTheCardSaysNothingOfTheMirrorShouldNotMirror() {
		ModelCard.EmbeddingSpec signature = ModelCardReader.read(Path.of("models/signature")).embedding();
		assertThat(signature.mirrorAverage()).isFalse();
		assertThat(signature.normalized()).isTrue();
	}

	@Test
	void embeddingOfTheFaceCardShouldBeTheMirrorAverage() {
		ModelCard card = ModelCardReader.read(Path.of("models/face"));
		assertThat(card.embedding().mirrorAverage()).isTrue();
		assertThat(card.version()).isEqualTo("1.1.0");
	}

}
