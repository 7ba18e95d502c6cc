package io.siameseverify.enrollment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

import io.siameseverify.gallery.InvalidReferenceException;
import io.siameseverify.gallery.store.StoredReference;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an NDJSON gallery import one line at a time, so that a gallery of any size passes
 * through bounded memory: each line is parsed strictly (every field present, no other
 * field, one JSON object) and checked, and a bad one stops the import with its number.
 * Blank lines are skipped.
 */
final class GalleryLines implements Iterator<StoredReference> {

	/** A line longer than this is refused before it is held whole. */
	static final int MAX_LINE_BYTES = 1 << 20;

	private final InputStream input;

	private final ObjectReader reader;

	private final Consumer<StoredReference> check;

	private final byte[] buffer = new byte[MAX_LINE_BYTES];

	private StoredReference next;

	private long lineNumber;

	private long references;

	private boolean ended;

	GalleryLines(InputStream input, JsonMapper json, Consumer<StoredReference> check) {
		this.input = new BufferedInputStream(input, 1 << 16);
		this.reader = json.readerFor(GalleryLine.class)
			.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
		this.check = check;
	}

	@Override
	public boolean hasNext() {
		while (this.next == null && !this.ended) {
			int length = readLine();
			if (length > 0) {
				this.next = parse(length);
			}
		}
		return this.next != null;
	}

	@Override
	public StoredReference next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		StoredReference reference = this.next;
		this.next = null;
		this.references++;
		return reference;
	}

	/** Lines read so far, blank ones included. */
	long lines() {
		return this.lineNumber;
	}

	/** References read so far. */
	long references() {
		return this.references;
	}

	/** Reads the next line into the buffer; its length without the line end. */
	private int readLine() {
		try {
			int length = 0;
			int b;
			while ((b = this.input.read()) != -1 && b != '\n') {
				if (length == MAX_LINE_BYTES) {
					throw new ImportLineException(this.lineNumber + 1,
							"longer than %d bytes".formatted(MAX_LINE_BYTES));
				}
				this.buffer[length++] = (byte) b;
			}
			if (b == -1) {
				this.ended = true;
				if (length == 0) {
					return 0;
				}
			}
			this.lineNumber++;
			while (length > 0 && (this.buffer[length - 1] == '\r' || this.buffer[length - 1] == ' ')) {
				length--;
			}
			return length;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private StoredReference parse(int length) {
		GalleryLine line = null;
		try {
			line = this.reader.readValue(new String(this.buffer, 0, length, StandardCharsets.UTF_8));
		}
		catch (JacksonException ex) {
			// answered below, without the parser's message: it may quote the line
		}
		if (line == null) {
			throw new ImportLineException(this.lineNumber,
					"not one object {subjectId, referenceId, createdAt, modelVersion, embedding} and nothing else");
		}
		StoredReference reference = line.toReference();
		try {
			this.check.accept(reference);
		}
		catch (InvalidReferenceException ex) {
			throw new ImportLineException(this.lineNumber, ex.getMessage());
		}
		return reference;
	}

}
