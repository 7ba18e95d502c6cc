package io.siameseverify.gallery;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.siameseverify.encoder.card.Metric;
import io.siameseverify.gallery.store.ChangesPrunedException;
import io.siameseverify.gallery.store.GalleryStore;
import io.siameseverify.gallery.store.ModelKey;
import io.siameseverify.gallery.store.StoredReference;

/**
 * The enrolled references of one model and version: read from memory, written through the
 * store of record. A change is committed to the store first and reaches memory only once
 * committed, so a failed commit changes nothing here; changes made by other processes
 * sharing the store arrive through {@link #catchUp}. In this process, changes to one
 * gallery take turns, while verify and identify go on reading.
 */
public final class Gallery {

	private final ModelKey key;

	private final Metric metric;

	private final GalleryProperties limits;

	private final GalleryStore store;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ReentrantLock writes = new ReentrantLock();

	private volatile GalleryIndex index;

	public Gallery(ModelKey key, Metric metric, GalleryProperties limits, GalleryStore store, Clock clock,
			MeterRegistry meters) {
		this.key = key;
		this.metric = metric;
		this.limits = limits;
		this.store = store;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Adds references to a subject (created when new); all or nothing, durable before it
	 * returns.
	 */
	public Subject enroll(SubjectId subjectId, List<float[]> embeddings) {
		GalleryIndex checked = index();
		embeddings.forEach(checked::checkEmbedding);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		List<StoredReference> references = embeddings.stream()
			.map((embedding) -> new StoredReference(UUID.randomUUID().toString(), subjectId.value(), now,
					this.key.version(), embedding.clone()))
			.toList();
		return locked(() -> {
			write((writer) -> {
				index().checkRoomFor(subjectId, references.size());
				writer.insert(references);
				return null;
			});
			return index().subject(subjectId).orElseThrow(UnknownSubjectException::new);
		});
	}

	/** Deletes every reference of the subject, of every model version. */
	public void deleteSubject(SubjectId subjectId) {
		locked(() -> write((writer) -> {
			if (writer.deleteSubject(subjectId.value()) == 0) {
				throw new UnknownSubjectException();
			}
			return null;
		}));
	}

	/** Deletes one reference; a subject left without references is gone. */
	public void deleteReference(SubjectId subjectId, String referenceId) {
		locked(() -> write((writer) -> {
			if (!writer.deleteReference(subjectId.value(), referenceId)) {
				throw writer.hasSubject(subjectId.value()) ? new UnknownReferenceException()
						: new UnknownSubjectException();
			}
			return null;
		}));
	}

	/**
	 * Adds the references whose ids are not stored yet, all in one transaction: if the
	 * iterator throws (a bad line) or a limit would be passed, nothing is kept.
	 * @return how many references were added
	 */
	public long importReferences(Iterator<StoredReference> references) {
		return locked(() -> write((writer) -> {
			long added = writer.insertNew(references);
			if (writer.subjectCount(this.key.version()) > this.limits.maxSubjectsPerModel()) {
				throw new GalleryLimitException("the import would pass the limit of %d subjects of model %s"
					.formatted(this.limits.maxSubjectsPerModel(), this.key.model()));
			}
			int most = writer.maxReferencesPerSubject(this.key.version());
			if (most > this.limits.maxReferencesPerSubject()) {
				throw new GalleryLimitException("the import would give a subject %d references; the limit is %d"
					.formatted(most, this.limits.maxReferencesPerSubject()));
			}
			return added;
		}));
	}

	/**
	 * Checks a reference to import: its id, subject id, version, size and values.
	 * @throws InvalidReferenceException naming what is wrong
	 */
	public void checkImportable(StoredReference reference) {
		ImportChecks.check(reference, this.key, this.metric);
	}

	/** Streams every reference of the served version from the store of record. */
	public void export(Consumer<StoredReference> sink) {
		this.store.export(this.key, sink);
	}

	public Optional<Subject> subject(SubjectId subjectId) {
		return index().subject(subjectId);
	}

	/** A page of subjects in enrolment order, and the total. */
	public Page subjects(int offset, int limit) {
		return index().subjects(offset, limit);
	}

	/** A page of subjects and the number of subjects in all. */
	public record Page(int total, List<Subject> subjects) {
	}

	/** The subject's reference closest to the probe (the smallest distance decides). */
	public Match verify(SubjectId subjectId, float[] probe) {
		return index().compare(subjectId, probe).nearest();
	}

	/**
	 * The probe compared with every reference of the subject, and the subject's spread,
	 * for rules that weigh more than the closest reference.
	 */
	public Comparison compare(SubjectId subjectId, float[] probe) {
		return index().compare(subjectId, probe);
	}

	/**
	 * The closest reference of each subject, closest subjects first, at most limit of
	 * them.
	 */
	public List<Match> identify(float[] probe, int limit) {
		return index().identify(probe, limit);
	}

	/** How many subjects and references the gallery holds; empty until it is loaded. */
	public Optional<Counts> counts() {
		GalleryIndex current = this.index;
		return Optional.ofNullable(current)
			.map((loaded) -> new Counts(loaded.subjectCount(), loaded.referenceCount(), loaded.awaitingReenrollment()));
	}

	/**
	 * A gallery's size.
	 *
	 * @param subjects enrolled subjects
	 * @param references enrolled references of the served model version
	 * @param awaitingReenrollment stored references of other model versions: not served,
	 * waiting for their subjects to be re-enrolled
	 */
	public record Counts(int subjects, int references, long awaitingReenrollment) {
	}

	public boolean isLoaded() {
		return this.index != null;
	}

	public String model() {
		return this.key.model();
	}

	public String modelVersion() {
		return this.key.version();
	}

	public Metric metric() {
		return this.metric;
	}

	/**
	 * Loads the gallery from a snapshot of the store, replacing what was in memory.
	 * @return the stored references it left out, counted by model version
	 */
	public Map<String, Long> load() {
		return locked(() -> {
			GalleryIndex fresh = new GalleryIndex(this.key, this.metric, this.limits);
			GalleryStore.Snapshot snapshot;
			try (IndexBuilder builder = new IndexBuilder(fresh)) {
				snapshot = this.store.load(this.key, builder);
			}
			fresh.loaded(snapshot.position(), snapshot.otherVersions());
			this.index = fresh;
			return snapshot.otherVersions();
		});
	}

	/** Applies what other processes have committed since the last change applied. */
	void catchUp() {
		if (this.index == null) {
			return;
		}
		locked(() -> {
			try {
				this.store.replay(this.key, this.index.position(), this.index::apply);
			}
			catch (ChangesPrunedException ex) {
				load();
			}
			return null;
		});
	}

	/**
	 * Runs a write transaction from the current position; reloads once if it is too old.
	 */
	private <T> T write(GalleryStore.Work<T> work) {
		Timer.Sample sample = Timer.start();
		try {
			return this.store.write(this.key, index().position(), index()::apply, work);
		}
		catch (ChangesPrunedException ex) {
			load();
			return this.store.write(this.key, index().position(), index()::apply, work);
		}
		finally {
			// looked up at each use, not kept: Spring Boot may replace a meter registered
			// before its registry was configured (common tags), and a kept one goes stale
			sample.stop(Timer.builder("siamese.gallery.commit")
				.description("write transactions on the store of record, from the lock to the commit")
				.tag("model", this.key.model())
				.tag("store", this.store.kind())
				.register(this.meters));
		}
	}

	private <T> T locked(Supplier<T> action) {
		this.writes.lock();
		try {
			return action.get();
		}
		finally {
			this.writes.unlock();
		}
	}

	private GalleryIndex index() {
		GalleryIndex current = this.index;
		if (current == null) {
			throw new GalleryNotReadyException(this.key.model());
		}
		return current;
	}

}
