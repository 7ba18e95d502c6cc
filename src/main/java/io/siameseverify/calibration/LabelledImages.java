package io.siameseverify.calibration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code DIR/<class>/<image>}: every image with its identity. With an identity pattern,
 * group 1 of the pattern on the file name splits a class folder into identities (a
 * writer's folder holding several names); {@code classes} keeps only those folders (for
 * example the validation writers).
 */
final class LabelledImages {

	private static final Set<String> SUFFIXES = Set.of("png", "jpg", "jpeg", "bmp", "gif", "pgm");

	record Item(Path path, String identity) {
	}

	private LabelledImages() {
	}

	static List<Item> scan(Path root, String identityPattern, Set<String> classes) {
		Pattern pattern = (identityPattern != null) ? Pattern.compile(identityPattern) : null;
		List<Item> items = new ArrayList<>();
		try (Stream<Path> folders = Files.list(root)) {
			for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
				String name = folder.getFileName().toString();
				if (!classes.isEmpty() && !classes.contains(name)) {
					continue;
				}
				try (Stream<Path> files = Files.list(folder)) {
					for (Path file : files.filter(LabelledImages::isImage).sorted().toList()) {
						items.add(new Item(file, identity(name, file, pattern)));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (items.isEmpty()) {
			throw new IllegalArgumentException("no images under " + root + "/<class>/");
		}
		return items;
	}

	private static String identity(String folder, Path file, Pattern pattern) {
		if (pattern == null) {
			return folder;
		}
		Matcher matcher = pattern.matcher(file.getFileName().toString());
		if (!matcher.find()) {
			throw new IllegalArgumentException(file.getFileName() + ": no match for identity pattern " + pattern);
		}
		return folder + "/" + matcher.group(1);
	}

	private static boolean isImage(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 && SUFFIXES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

}
