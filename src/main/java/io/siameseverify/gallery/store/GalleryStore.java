package io.siameseverify.gallery.store;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The store of record behind the in-memory galleries. A gallery loads a snapshot of its
 * model's references once, then follows the model's change sequence: its own writes come
 * back to it through {@link #write}, other processes' through {@link #replay} when
 * {@link #follow} says the model changed. Every method throws
 * {@link StoreUnavailableException} when the store cannot be reached.
 */
public interface GalleryStore extends AutoCloseable {

	/** "memory", "embedded" or "postgres", as configured. */
	String kind();

	/** Creates or migrates the schema; safe to call again. */
	void prepare();

	/**
	 * Streams the model's references of {@code key.version()} into the sink in enrolment
	 * order, from one consistent snapshot, and says where in the change sequence that
	 * snapshot stands.
	 */
	Snapshot load(ModelKey key, LoadSink sink);

	/**
	 * Hands the sink, in order, every change to the model committed after
	 * {@code position}.
	 * @throws ChangesPrunedException when some of them are no longer kept
	 */
	void replay(ModelKey key, long position, ChangeSink sink);

	/**
	 * Runs {@code work} in one transaction that holds the model's write lock (in every
	 * process that shares the store): first the sink gets what others committed after
	 * {@code position}, so that checks in {@code work} see the current gallery; once the
	 * transaction has committed, the sink gets the changes {@code work} made. If
	 * {@code work} throws, nothing is kept.
	 */
	<T> T write(ModelKey key, long position, ChangeSink sink, Work<T> work);

	/**
	 * Streams the model's references of {@code key.version()} from one consistent
	 * snapshot, in enrolment order.
	 */
	void export(ModelKey key, Consumer<StoredReference> sink);

	/**
	 * Tells the follower whenever another process may have changed a model, for as long
	 * as the store is open (a store no other process writes to never calls it).
	 */
	void follow(ChangeFollower follower);

	/** Whether the store answers, with details for the health endpoint. */
	Health health();

	@Override
	void close();

	/** A snapshot's place in the change sequence, and the references it left out. */
	record Snapshot(long position, Map<String, Long> otherVersions) {
	}

	/** The state of the store for the health endpoint. */
	record Health(boolean up, Map<String, Object> details) {
	}

	/** Receives a snapshot's references, told first how many there are. */
	@FunctionalInterface
	interface LoadSink extends Consumer<StoredReference> {

		/** Called once, before the first reference: how many will follow. */
		default void expect(int references) {
		}

	}

	/** Receives committed changes, in sequence order. */
	@FunctionalInterface
	interface ChangeSink {

		void apply(Change change);

	}

	/** What a transaction does with the model's references. */
	@FunctionalInterface
	interface Work<T> {

		T run(Writer writer);

	}

	/** Told when a model may have changed elsewhere. */
	interface ChangeFollower {

		/** The model changed in another process. */
		void changed(String model);

		/**
		 * Notifications may have been missed (a reconnect): every model may have changed.
		 */
		void resync();

	}

	/** The changes one transaction can make to one model's references. */
	interface Writer {

		/** Adds new references. */
		void insert(List<StoredReference> references);

		/**
		 * Adds the references whose ids are not stored yet, in batches, never holding
		 * more than a batch in memory.
		 * @return how many were added (the others were already there)
		 */
		long insertNew(Iterator<StoredReference> references);

		/**
		 * Deletes every reference of the subject, of every model version.
		 * @return how many there were
		 */
		int deleteSubject(String subjectId);

		/**
		 * Deletes one reference of the subject, of any model version.
		 * @return whether there was one
		 */
		boolean deleteReference(String subjectId, String referenceId);

		/** Whether the subject has references of any model version. */
		boolean hasSubject(String subjectId);

		/** How many subjects hold references of the version. */
		long subjectCount(String modelVersion);

		/** The largest number of references one subject holds for the version. */
		int maxReferencesPerSubject(String modelVersion);

	}

}
