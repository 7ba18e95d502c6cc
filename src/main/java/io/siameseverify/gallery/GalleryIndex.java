package io.siameseverify.gallery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import io.siameseverify.encoder.card.Metric;
import io.siameseverify.gallery.store.Change;
import io.siameseverify.gallery.store.ModelKey;
import io.siameseverify.gallery.store.StoredReference;

/**
 * The in-memory copy of one model's gallery that verify and identify read: the references
 * of the served version, applied from the store of record's snapshot and then from its
 * change sequence ({@link #position} says how far).
 *
 * <p>
 * Embeddings live row by row, in the metric's stored form ({@link Metric#stored}: unit
 * length for cosine), in one contiguous {@code float[]}, so that identify is a linear
 * scan over primitive memory rather than a walk through boxed lists, keeping only the
 * nearest rows in a small heap ({@link NearestRows}); verify of one subject reads only
 * that subject's rows. Deleting a row moves the last row into its place and zeroes the
 * vacated memory: a deleted embedding does not linger. A read-write lock lets
 * verifications and identifications run together while changes are applied one at a time.
 * References of other model versions are only counted: they wait for re-enrolment.
 */
final class GalleryIndex {

	private final ModelKey key;

	private final Metric metric;

	private final GalleryProperties limits;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final Map<SubjectId, List<Reference>> subjects = new LinkedHashMap<>();

	private Map<String, Integer> rowOfReference = new HashMap<>();

	private final Map<String, Long> otherVersions = new LinkedHashMap<>();

	private float[] matrix = new float[0];

	private String[] rowReference = new String[0];

	private SubjectId[] rowSubject = new SubjectId[0];

	private int rows;

	private long position;

	GalleryIndex(ModelKey key, Metric metric, GalleryProperties limits) {
		this.key = key;
		this.metric = metric;
		this.limits = limits;
	}

	/**
	 * Makes room for the references a snapshot will add, so that loading a large gallery
	 * neither copies the matrix as it grows nor leaves it twice as large as needed.
	 */
	void reserve(int references) {
		writeLocked(() -> {
			int capacity = Math.max(references, this.rowReference.length);
			this.matrix = Arrays.copyOf(this.matrix, capacity * this.key.dimension());
			this.rowReference = Arrays.copyOf(this.rowReference, capacity);
			this.rowSubject = Arrays.copyOf(this.rowSubject, capacity);
			if (this.rows == 0) {
				this.rowOfReference = HashMap.newHashMap(capacity);
			}
			return null;
		});
	}

	/** Adds a reference of the served version, from a snapshot. */
	void add(StoredReference reference) {
		float[] row = this.metric.stored(reference.embedding());
		writeLocked(() -> {
			insert(reference, row);
			return null;
		});
	}

	/** Where the snapshot this index was loaded from stands, and what it left out. */
	void loaded(long position, Map<String, Long> otherVersions) {
		writeLocked(() -> {
			this.position = position;
			this.otherVersions.putAll(otherVersions);
			return null;
		});
	}

	/**
	 * Applies one committed change: an enrolment or deletion of the served version
	 * changes the rows, one of another version only the count of those waiting.
	 */
	void apply(Change change) {
		boolean served = change.modelVersion().equals(this.key.version());
		boolean enrolled = change.kind() == Change.Kind.ENROLLED;
		float[] row = (served && enrolled && change.reference() != null)
				? this.metric.stored(change.reference().embedding()) : null;
		writeLocked(() -> {
			if (row != null) {
				insert(change.reference(), row);
			}
			else if (!served) {
				this.otherVersions.merge(change.modelVersion(), enrolled ? 1L : -1L, Long::sum);
				this.otherVersions.remove(change.modelVersion(), 0L);
			}
			else if (!enrolled) {
				removeReference(change.referenceId());
			}
			this.position = change.seq();
			return null;
		});
	}

	/** The last change of the model's sequence applied here. */
	long position() {
		return readLocked(() -> this.position);
	}

	/**
	 * Fails with {@link GalleryLimitException} if adding {@code count} references to the
	 * subject would pass a limit.
	 */
	void checkRoomFor(SubjectId subjectId, int count) {
		int maxSubjects = this.limits.maxSubjectsPerModel();
		int maxReferences = this.limits.maxReferencesPerSubject();
		readLocked(() -> {
			List<Reference> existing = this.subjects.get(subjectId);
			if (existing == null && this.subjects.size() >= maxSubjects) {
				throw new GalleryLimitException(
						"model %s holds its limit of %d subjects".formatted(this.key.model(), maxSubjects));
			}
			int held = (existing != null) ? existing.size() : 0;
			if (held + count > maxReferences) {
				throw new GalleryLimitException("a subject holds at most %d references; it has %d, the request adds %d"
					.formatted(maxReferences, held, count));
			}
			return null;
		});
	}

	Optional<Subject> subject(SubjectId subjectId) {
		return readLocked(() -> Optional.ofNullable(this.subjects.get(subjectId)).map((r) -> snapshot(subjectId, r)));
	}

	/** A page of subjects in enrolment order, and the total. */
	Gallery.Page subjects(int offset, int limit) {
		return readLocked(() -> new Gallery.Page(this.subjects.size(),
				this.subjects.entrySet()
					.stream()
					.skip(offset)
					.limit(limit)
					.map((e) -> snapshot(e.getKey(), e.getValue()))
					.toList()));
	}

	/**
	 * The probe's distance to every reference of the subject, and the subject's spread:
	 * the mean distance between its own references.
	 */
	Comparison compare(SubjectId subjectId, float[] probe) {
		checkDimension(probe);
		Metric.Scan scan = this.metric.scan(probe);
		return readLocked(() -> {
			List<Reference> references = this.subjects.get(subjectId);
			if (references == null) {
				throw new UnknownSubjectException();
			}
			int[] rows = references.stream().mapToInt((r) -> this.rowOfReference.get(r.referenceId())).toArray();
			List<Match> matches = new ArrayList<>(rows.length);
			for (int i = 0; i < rows.length; i++) {
				matches.add(new Match(subjectId, this.rowReference[rows[i]], distanceToRow(scan, rows[i])));
			}
			matches.sort(Comparator.comparingDouble(Match::distance));
			return new Comparison(matches, spread(rows));
		});
	}

	/** The mean distance between the given rows; NaN for fewer than two. */
	private double spread(int[] rows) {
		if (rows.length < 2) {
			return Double.NaN;
		}
		int dimension = this.key.dimension();
		double sum = 0;
		for (int i = 0; i < rows.length; i++) {
			float[] row = Arrays.copyOfRange(this.matrix, rows[i] * dimension, (rows[i] + 1) * dimension);
			Metric.Scan scan = this.metric.scan(row);
			for (int j = i + 1; j < rows.length; j++) {
				sum += distanceToRow(scan, rows[j]);
			}
		}
		return sum / (rows.length * (rows.length - 1) / 2.0);
	}

	/**
	 * The closest reference of each subject, closest subjects first, at most limit of
	 * them.
	 */
	List<Match> identify(float[] probe, int limit) {
		checkDimension(probe);
		Metric.Scan scan = this.metric.scan(probe);
		return readLocked(() -> {
			// a subject holds at most maxReferencesPerSubject rows, so the nearest
			// limit × that many rows contain the nearest `limit` subjects
			NearestRows nearest = new NearestRows(
					(int) Math.min(this.rows, (long) limit * this.limits.maxReferencesPerSubject()));
			for (int row = 0; row < this.rows; row++) {
				nearest.offer(row, distanceToRow(scan, row));
			}
			List<Match> matches = new ArrayList<>(limit);
			Set<SubjectId> seen = new HashSet<>();
			for (int row : nearest.drainNearestFirst()) {
				if (matches.size() == limit) {
					break;
				}
				if (seen.add(this.rowSubject[row])) {
					matches.add(new Match(this.rowSubject[row], this.rowReference[row], distanceToRow(scan, row)));
				}
			}
			return matches;
		});
	}

	int referenceCount() {
		return readLocked(() -> this.rows);
	}

	int subjectCount() {
		return readLocked(this.subjects::size);
	}

	/**
	 * References of other model versions, waiting for their subjects to be re-enrolled.
	 */
	long awaitingReenrollment() {
		return readLocked(() -> this.otherVersions.values().stream().mapToLong(Long::longValue).sum());
	}

	Map<String, Long> otherVersions() {
		return readLocked(() -> Map.copyOf(this.otherVersions));
	}

	/**
	 * Checks an embedding before it goes anywhere: its size, and what the metric needs.
	 */
	void checkEmbedding(float[] embedding) {
		checkDimension(embedding);
		this.metric.stored(embedding);
	}

	private void insert(StoredReference reference, float[] row) {
		SubjectId subjectId = new SubjectId(reference.subjectId());
		// one hash lookup both checks for the reference and records its row
		if (this.rowOfReference.putIfAbsent(reference.referenceId(), this.rows) != null) {
			return;
		}
		this.subjects.computeIfAbsent(subjectId, (id) -> new ArrayList<>(1))
			.add(new Reference(reference.referenceId(), reference.createdAt(), reference.modelVersion()));
		appendRow(subjectId, reference.referenceId(), row);
	}

	private void removeReference(String referenceId) {
		Integer row = this.rowOfReference.get(referenceId);
		if (row == null) {
			return;
		}
		SubjectId subjectId = this.rowSubject[row];
		List<Reference> references = this.subjects.get(subjectId);
		references.removeIf((reference) -> reference.referenceId().equals(referenceId));
		if (references.isEmpty()) {
			this.subjects.remove(subjectId);
		}
		removeRow(referenceId);
	}

	private double distanceToRow(Metric.Scan scan, int row) {
		return scan.distanceAt(this.matrix, row * this.key.dimension());
	}

	/** Appends a row; its reference's row number is already in rowOfReference. */
	private void appendRow(SubjectId subjectId, String referenceId, float[] embedding) {
		int dimension = this.key.dimension();
		if (this.rows == this.rowReference.length) {
			int capacity = Math.max(16, this.rows * 2);
			this.matrix = Arrays.copyOf(this.matrix, capacity * dimension);
			this.rowReference = Arrays.copyOf(this.rowReference, capacity);
			this.rowSubject = Arrays.copyOf(this.rowSubject, capacity);
		}
		System.arraycopy(embedding, 0, this.matrix, this.rows * dimension, dimension);
		this.rowReference[this.rows] = referenceId;
		this.rowSubject[this.rows] = subjectId;
		this.rows++;
	}

	private void removeRow(String referenceId) {
		int dimension = this.key.dimension();
		int row = this.rowOfReference.remove(referenceId);
		int last = this.rows - 1;
		if (row != last) {
			System.arraycopy(this.matrix, last * dimension, this.matrix, row * dimension, dimension);
			this.rowReference[row] = this.rowReference[last];
			this.rowSubject[row] = this.rowSubject[last];
			this.rowOfReference.put(this.rowReference[row], row);
		}
		Arrays.fill(this.matrix, last * dimension, (last + 1) * dimension, 0f);
		this.rowReference[last] = null;
		this.rowSubject[last] = null;
		this.rows = last;
	}

	private void checkDimension(float[] embedding) {
		if (embedding.length != this.key.dimension()) {
			throw new IllegalArgumentException(
					"embedding of %d values for a gallery of %d".formatted(embedding.length, this.key.dimension()));
		}
	}

	private <T> T readLocked(Supplier<T> read) {
		this.lock.readLock().lock();
		try {
			return read.get();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private <T> T writeLocked(Supplier<T> write) {
		this.lock.writeLock().lock();
		try {
			return write.get();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private static Subject snapshot(SubjectId subjectId, List<Reference> references) {
		return new Subject(subjectId, List.copyOf(references));
	}

}
