package io.siameseverify.gallery;

import java.time.Clock;
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
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.siameseverify.encoder.Metric;

/**
 * The enrolled embeddings of one model and version.
 *
 * <p>
 * Embeddings live row by row, in the metric's stored form ({@link Metric#stored}: unit
 * length for cosine), in one contiguous {@code float[]}, so that identify is a linear
 * scan over primitive memory rather than a walk through boxed lists, keeping only the
 * nearest rows in a small heap ({@link NearestRows}); verify of one subject reads only
 * that subject's rows. Deleting a row moves the last row into its place and zeroes the
 * vacated memory: a deleted embedding does not linger. A read-write lock lets
 * verifications and identifications run together while enrolment and deletion take turns.
 */
public final class Gallery {

	private final String model;

	private final String modelVersion;

	private final Metric metric;

	private final int dimension;

	private final GalleryProperties limits;

	private final Clock clock;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final Map<SubjectId, List<Reference>> subjects = new LinkedHashMap<>();

	private final Map<String, Integer> rowOfReference = new HashMap<>();

	private float[] matrix = new float[0];

	private String[] rowReference = new String[0];

	private SubjectId[] rowSubject = new SubjectId[0];

	private int rows;

	public Gallery(String model, String modelVersion, Metric metric, int dimension, GalleryProperties limits,
			Clock clock) {
		this.model = model;
		this.modelVersion = modelVersion;
		this.metric = metric;
		this.dimension = dimension;
		this.limits = limits;
		this.clock = clock;
	}

	/** Adds references to a subject (created when new); all or nothing. */
	public Subject enroll(SubjectId subjectId, List<float[]> embeddings) {
		embeddings.forEach(this::checkDimension);
		// converted before anything changes, so that a bad embedding enrols nothing
		List<float[]> rows = embeddings.stream().map(this.metric::stored).toList();
		this.lock.writeLock().lock();
		try {
			List<Reference> existing = this.subjects.get(subjectId);
			if (existing == null && this.subjects.size() >= this.limits.maxSubjectsPerModel()) {
				throw new GalleryLimitException("model %s holds its limit of %d subjects".formatted(this.model,
						this.limits.maxSubjectsPerModel()));
			}
			int count = (existing != null) ? existing.size() : 0;
			if (count + embeddings.size() > this.limits.maxReferencesPerSubject()) {
				throw new GalleryLimitException("a subject holds at most %d references; it has %d, the request adds %d"
					.formatted(this.limits.maxReferencesPerSubject(), count, embeddings.size()));
			}
			List<Reference> references = this.subjects.computeIfAbsent(subjectId, (id) -> new ArrayList<>());
			for (float[] row : rows) {
				Reference reference = new Reference(UUID.randomUUID().toString(), this.clock.instant(),
						this.modelVersion);
				appendRow(subjectId, reference.referenceId(), row);
				references.add(reference);
			}
			return snapshot(subjectId, references);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	public Optional<Subject> subject(SubjectId subjectId) {
		this.lock.readLock().lock();
		try {
			List<Reference> references = this.subjects.get(subjectId);
			return Optional.ofNullable(references).map((r) -> snapshot(subjectId, r));
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** A page of subjects in enrolment order, and the total. */
	public Page subjects(int offset, int limit) {
		this.lock.readLock().lock();
		try {
			List<Subject> page = this.subjects.entrySet()
				.stream()
				.skip(offset)
				.limit(limit)
				.map((e) -> snapshot(e.getKey(), e.getValue()))
				.toList();
			return new Page(this.subjects.size(), page);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** A page of subjects and the number of subjects in all. */
	public record Page(int total, List<Subject> subjects) {
	}

	public void deleteSubject(SubjectId subjectId) {
		this.lock.writeLock().lock();
		try {
			List<Reference> references = this.subjects.remove(subjectId);
			if (references == null) {
				throw new UnknownSubjectException();
			}
			references.forEach((reference) -> removeRow(reference.referenceId()));
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/** Deletes one reference; a subject left without references is deleted too. */
	public void deleteReference(SubjectId subjectId, String referenceId) {
		this.lock.writeLock().lock();
		try {
			List<Reference> references = this.subjects.get(subjectId);
			if (references == null) {
				throw new UnknownSubjectException();
			}
			if (!references.removeIf((reference) -> reference.referenceId().equals(referenceId))) {
				throw new UnknownReferenceException();
			}
			removeRow(referenceId);
			if (references.isEmpty()) {
				this.subjects.remove(subjectId);
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/** The subject's reference closest to the probe (the smallest distance decides). */
	public Match verify(SubjectId subjectId, float[] probe) {
		checkDimension(probe);
		this.lock.readLock().lock();
		try {
			List<Reference> references = this.subjects.get(subjectId);
			if (references == null) {
				throw new UnknownSubjectException();
			}
			Metric.Scan scan = this.metric.scan(probe);
			Match best = null;
			for (Reference reference : references) {
				double distance = distanceToRow(scan, this.rowOfReference.get(reference.referenceId()));
				if (best == null || distance < best.distance()) {
					best = new Match(subjectId, reference.referenceId(), distance);
				}
			}
			return best;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * The closest reference of each subject, closest subjects first, at most limit of
	 * them.
	 */
	public List<Match> identify(float[] probe, int limit) {
		checkDimension(probe);
		this.lock.readLock().lock();
		try {
			// a subject holds at most maxReferencesPerSubject rows, so the nearest
			// limit × that many rows contain the nearest `limit` subjects
			NearestRows nearest = new NearestRows(
					(int) Math.min(this.rows, (long) limit * this.limits.maxReferencesPerSubject()));
			Metric.Scan scan = this.metric.scan(probe);
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
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	public int referenceCount() {
		this.lock.readLock().lock();
		try {
			return this.rows;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	public int subjectCount() {
		this.lock.readLock().lock();
		try {
			return this.subjects.size();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	public String model() {
		return this.model;
	}

	public String modelVersion() {
		return this.modelVersion;
	}

	public Metric metric() {
		return this.metric;
	}

	private double distanceToRow(Metric.Scan scan, int row) {
		return scan.distanceAt(this.matrix, row * this.dimension);
	}

	private void appendRow(SubjectId subjectId, String referenceId, float[] embedding) {
		if (this.rows == this.rowReference.length) {
			int capacity = Math.max(16, this.rows * 2);
			this.matrix = Arrays.copyOf(this.matrix, capacity * this.dimension);
			this.rowReference = Arrays.copyOf(this.rowReference, capacity);
			this.rowSubject = Arrays.copyOf(this.rowSubject, capacity);
		}
		System.arraycopy(embedding, 0, this.matrix, this.rows * this.dimension, this.dimension);
		this.rowReference[this.rows] = referenceId;
		this.rowSubject[this.rows] = subjectId;
		this.rowOfReference.put(referenceId, this.rows);
		this.rows++;
	}

	private void removeRow(String referenceId) {
		int row = this.rowOfReference.remove(referenceId);
		int last = this.rows - 1;
		if (row != last) {
			System.arraycopy(this.matrix, last * this.dimension, this.matrix, row * this.dimension, this.dimension);
			this.rowReference[row] = this.rowReference[last];
			this.rowSubject[row] = this.rowSubject[last];
			this.rowOfReference.put(this.rowReference[row], row);
		}
		Arrays.fill(this.matrix, last * this.dimension, (last + 1) * this.dimension, 0f);
		this.rowReference[last] = null;
		this.rowSubject[last] = null;
		this.rows = last;
	}

	private void checkDimension(float[] embedding) {
		if (embedding.length != this.dimension) {
			throw new IllegalArgumentException(
					"embedding of %d values for a gallery of %d".formatted(embedding.length, this.dimension));
		}
	}

	private static Subject snapshot(SubjectId subjectId, List<Reference> references) {
		return new Subject(subjectId, List.copyOf(references));
	}

}
