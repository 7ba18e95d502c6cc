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
 * writer's folder holding several names) and is the cue that hard impostors share (the
 * same name by another writer); files whose name starts with the forgery prefix are
 * skilled forgeries of the folder's writer; {@code classes} keeps only those folders (for
 * example the test writers). The same labels as the Python pipeline's {@code data.py}.
 */
final class LabelledImages {

	private static final Set<String> SUFFIXES = Set.of("png", "jpg", "jpeg", "bmp", "gif", "pgm");

	/**
	 * One image: whose it is, the folder, the cue ("" when none), and whether it is a
	 * forgery.
	 */
	record Item(Path path, String identity, String folder, String cue, boolean forgery) {
	}

	private LabelledImages() {
	}

	static List<Item> scan(Path root, String identityPattern, String forgeryPrefix, Set<String> classes) {
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
						if (forgeryPrefix != null && file.getFileName().toString().startsWith(forgeryPrefix)) {
							items.add(new Item(file, name, name, "", true));
						}
						else {
							String cue = cue(file, pattern);
							items.add(new Item(file, cue.isEmpty() ? name : name + "/" + cue, name, cue, false));
						}
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

	private static String cue(Path file, Pattern pattern) {
		if (pattern == null) {
			return "";
		}
		Matcher matcher = pattern.matcher(file.getFileName().toString());
		if (!matcher.find()) {
			throw new IllegalArgumentException(file.getFileName() + ": no match for identity pattern " + pattern);
		}
		return matcher.group(1);
	}

	private static boolean isImage(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 && SUFFIXES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

}
