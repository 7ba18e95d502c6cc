package io.siameseverify.encoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFoldersTests {

	@TempDir
	Path root;

	@Test
	void resolveWhenStartedElsewhereShouldFindTheModelsBesideTheJarsFolder() throws IOException {
		Path repository = withCard(this.root.resolve("repo"), "models/face");
		Path elsewhere = Files.createDirectories(this.root.resolve("elsewhere"));
		ModelFolders folders = new ModelFolders(elsewhere, repository.resolve("target"));
		assertThat(folders.resolve(Path.of("models/face"))).isEqualTo(repository.resolve("models/face"));
	}

	@Test
	void resolveWhenTheModelsAreBesideTheJarShouldTakeThem() throws IOException {
		Path app = withCard(this.root.resolve("app"), "models/face");
		ModelFolders folders = new ModelFolders(this.root, app);
		assertThat(folders.resolve(Path.of("models/face"))).isEqualTo(app.resolve("models/face"));
	}

	@Test
	void resolveWhenTheWorkingDirectoryHoldsTheModelShouldPreferIt() throws IOException {
		Path here = withCard(this.root.resolve("here"), "models/face");
		Path app = withCard(this.root.resolve("app"), "models/face");
		assertThat(new ModelFolders(here, app).resolve(Path.of("models/face"))).isEqualTo(here.resolve("models/face"));
	}

	@Test
	void resolveWhenNoFolderHoldsACardShouldNameTheWorkingDirectorysFolder() {
		Path here = this.root.resolve("here");
		assertThat(new ModelFolders(here, this.root.resolve("app")).resolve(Path.of("models/face")))
			.isEqualTo(here.resolve("models/face"));
	}

	@Test
	void resolveWhenAbsoluteShouldKeepIt() {
		Path absolute = this.root.resolve("own/../own-model");
		assertThat(new ModelFolders(this.root, this.root).resolve(absolute)).isEqualTo(this.root.resolve("own-model"));
	}

	private static Path withCard(Path base, String folder) throws IOException {
		Files.createDirectories(base.resolve(folder));
		Files.writeString(base.resolve(folder).resolve("model.json"), "{}");
		return base;
	}

}
