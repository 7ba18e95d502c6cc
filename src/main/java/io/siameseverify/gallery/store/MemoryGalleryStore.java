package io.siameseverify.gallery.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A store of record that forgets everything when the process ends, for throwaway use
 * ({@code siamese.gallery.store=memory}). It has the databases' transaction semantics: a
 * write's changes are staged and applied when its work returns, not at all when it
 * throws. Writes take turns (one lock for the store).
 */
public class MemoryGalleryStore implements GalleryStore {

	private final Map<String, ModelData> models = new HashMap<>();

	@Override
	public String kind() {
		return "memory";
	}

	@Override
	public void prepare() {
		// nothing to create
	}

	@Override
	public synchronized Snapshot load(ModelKey key, LoadSink sink) {
		ModelData data = data(key.model());
		List<StoredReference> references = data.ofVersion(key.version()).toList();
		sink.expect(references.size());
		references.forEach(sink);
		return new Snapshot(data.head, Map.of());
	}

	@Override
	public void replay(ModelKey key, long position, ChangeSink sink) {
		// every change is made by this process and handed over by write
	}

	@Override
	public synchronized <T> T write(ModelKey key, long position, ChangeSink sink, Work<T> work) {
		ModelData data = data(key.model());
		StagedWriter writer = new StagedWriter(data);
		T result = work.run(writer);
		for (Change change : writer.staged) {
			data.apply(change);
			sink.apply(change);
		}
		return result;
	}

	@Override
	public void export(ModelKey key, Consumer<StoredReference> sink) {
		List<StoredReference> copy;
		synchronized (this) {
			copy = data(key.model()).ofVersion(key.version()).toList();
		}
		copy.forEach(sink);
	}

	@Override
	public void follow(ChangeFollower follower) {
		// no other process shares this store
	}

	@Override
	public Health health() {
		return new Health(true, Map.of());
	}

	@Override
	public void close() {
		// nothing to release
	}

	private ModelData data(String model) {
		return this.models.computeIfAbsent(model, (name) -> new ModelData());
	}

	/** One model's references in enrolment order, by subject, and its change sequence. */
	private static final class ModelData {

		private final Map<String, StoredReference> references = new LinkedHashMap<>();

		private final Map<String, Set<String>> bySubject = new HashMap<>();

		private long head;

		Stream<StoredReference> ofVersion(String version) {
			return this.references.values().stream().filter((r) -> r.modelVersion().equals(version));
		}

		List<StoredReference> ofSubject(String subjectId) {
			return this.bySubject.getOrDefault(subjectId, Set.of()).stream().map(this.references::get).toList();
		}

		void apply(Change change) {
			this.head = change.seq();
			if (change.kind() == Change.Kind.ENROLLED) {
				StoredReference reference = change.reference();
				this.references.put(reference.referenceId(), reference);
				this.bySubject.computeIfAbsent(reference.subjectId(), (s) -> new LinkedHashSet<>())
					.add(reference.referenceId());
				return;
			}
			StoredReference reference = this.references.remove(change.referenceId());
			Set<String> ofSubject = this.bySubject.get(reference.subjectId());
			ofSubject.remove(reference.referenceId());
			if (ofSubject.isEmpty()) {
				this.bySubject.remove(reference.subjectId());
			}
		}

	}

	/**
	 * Stages changes over the committed references; what it reads includes what it has
	 * staged.
	 */
	private static final class StagedWriter implements Writer {

		private final ModelData data;

		private final List<Change> staged = new ArrayList<>();

		private final Map<String, StoredReference> added = new LinkedHashMap<>();

		private final Set<String> removed = new java.util.HashSet<>();

		private long head;

		StagedWriter(ModelData data) {
			this.data = data;
			this.head = data.head;
		}

		@Override
		public void insert(List<StoredReference> references) {
			references.forEach(this::stageInsert);
		}

		@Override
		public long insertNew(Iterator<StoredReference> references) {
			long count = 0;
			while (references.hasNext()) {
				StoredReference reference = references.next();
				if (find(reference.referenceId()) == null) {
					stageInsert(reference);
					count++;
				}
			}
			return count;
		}

		@Override
		public int deleteSubject(String subjectId) {
			List<StoredReference> references = ofSubject(subjectId);
			references.forEach(this::stageDelete);
			return references.size();
		}

		@Override
		public boolean deleteReference(String subjectId, String referenceId) {
			StoredReference reference = find(referenceId);
			if (reference == null || !reference.subjectId().equals(subjectId)) {
				return false;
			}
			stageDelete(reference);
			return true;
		}

		@Override
		public boolean hasSubject(String subjectId) {
			return !ofSubject(subjectId).isEmpty();
		}

		@Override
		public long subjectCount(String modelVersion) {
			return current(modelVersion).map(StoredReference::subjectId).distinct().count();
		}

		@Override
		public int maxReferencesPerSubject(String modelVersion) {
			Map<String, Integer> counts = new HashMap<>();
			current(modelVersion).forEach((r) -> counts.merge(r.subjectId(), 1, Integer::sum));
			return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
		}

		private void stageInsert(StoredReference reference) {
			this.added.put(reference.referenceId(), reference);
			this.staged.add(Change.enrolled(++this.head, reference));
		}

		private void stageDelete(StoredReference reference) {
			if (this.added.remove(reference.referenceId()) == null) {
				this.removed.add(reference.referenceId());
			}
			this.staged.add(Change.deleted(++this.head, reference.referenceId(), reference.modelVersion()));
		}

		private StoredReference find(String referenceId) {
			StoredReference staged = this.added.get(referenceId);
			if (staged != null || this.removed.contains(referenceId)) {
				return staged;
			}
			return this.data.references.get(referenceId);
		}

		private List<StoredReference> ofSubject(String subjectId) {
			return Stream
				.concat(this.data.ofSubject(subjectId).stream().filter((r) -> !this.removed.contains(r.referenceId())),
						this.added.values().stream().filter((r) -> r.subjectId().equals(subjectId)))
				.toList();
		}

		private Stream<StoredReference> current(String modelVersion) {
			return Stream
				.concat(this.data.references.values().stream().filter((r) -> !this.removed.contains(r.referenceId())),
						this.added.values().stream())
				.filter((r) -> r.modelVersion().equals(modelVersion));
		}

	}

}
