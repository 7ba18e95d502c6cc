package io.siameseverify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.siameseverify.encoder.card.InvalidModelException;
import io.siameseverify.encoder.card.ModelCardReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A model folder whose card disagrees with its files stops the real application's
 * start-up, with a message that names the expected and the actual value.
 */
class ModelStartupTests {

	@TempDir
	Path folder;

	@Test
	void fileWhoseSha256DiffersFromTheCardShouldStopStartUp() throws IOException {
		Path signature = copyOfTheSignatureModel();
		Files.write(signature.resolve("model.pt"), new byte[] { 1 }, StandardOpenOption.APPEND);
		assertThat(startUpFailure(signature)).isInstanceOf(InvalidModelException.class)
			.hasMessageContaining("model.pt sha256 expected %s, actual "
				.formatted(ModelCardReader.read(Path.of("models/signature")).file().sha256()));
	}

	@Test
	void embeddingSizeThatDiffersFromTheCardShouldStopStartUp() throws IOException {
		Path signature = copyOfTheSignatureModel();
		Path card = signature.resolve("model.json");
		String json = Files.readString(card);
		Files.writeString(card, json.replaceFirst("\"size\": 128", "\"size\": 64"));
		assertThat(startUpFailure(signature)).isInstanceOf(InvalidModelException.class)
			.hasMessage("signature: embedding size expected 64 (card), actual 128 (model)");
	}

	private Path copyOfTheSignatureModel() throws IOException {
		Path copy = this.folder.resolve("signature");
		Files.createDirectories(copy);
		for (String file : new String[] { "model.json", "model.pt" }) {
			Files.copy(Path.of("models/signature", file), copy.resolve(file));
		}
		return copy;
	}

	/**
	 * Starts the application as an operator would (command-line arguments override
	 * application.yaml) and returns the innermost cause of its failure.
	 */
	private static Throwable startUpFailure(Path signature) {
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(SiameseVerifyApplication.class)
			.run("--server.port=0", "--server.address=127.0.0.1", "--siamese.models.signature.path=" + signature)
			.close());
		assertThat(failure).as("start-up failed").isNotNull();
		while (failure.getCause() != null) {
			failure = failure.getCause();
		}
		return failure;
	}

}
