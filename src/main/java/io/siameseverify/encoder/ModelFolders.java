package io.siameseverify.encoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a configured model folder is. An absolute path is taken as it is. A relative one
 * (the shipped default, {@code models/face}) is looked for under the working directory,
 * then beside the application's jar and in the jar's parent folder (the repository, for
 * {@code target/…jar}), so that {@code java -jar} finds the shipped models from any
 * working directory; the first folder holding a {@code model.json} wins, and with none
 * the working directory's is reported as missing.
 */
final class ModelFolders {

	private final Path workingDirectory;

	private final Path applicationHome;

	ModelFolders(Path workingDirectory, Path applicationHome) {
		this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
		this.applicationHome = applicationHome.toAbsolutePath().normalize();
	}

	Path resolve(Path configured) {
		if (configured.isAbsolute()) {
			return configured.normalize();
		}
		return candidates(configured).stream()
			.filter((folder) -> Files.isRegularFile(folder.resolve("model.json")))
			.findFirst()
			.orElse(this.workingDirectory.resolve(configured).normalize());
	}

	private List<Path> candidates(Path configured) {
		Path parent = this.applicationHome.getParent();
		return ((parent != null) ? List.of(this.workingDirectory, this.applicationHome, parent)
				: List.of(this.workingDirectory, this.applicationHome))
			.stream()
			.map((base) -> base.resolve(configured).normalize())
			.toList();
	}

}
