package io.siameseverify.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * One JSON line per change to a gallery, or read of a whole one, on the logger
 * {@code siamese.audit}: the event, the caller's key id, the model, the subject and
 * reference ids, and the outcome. Never image bytes or embeddings. Subject ids are
 * personal data: route this logger to a store of its own
 * ({@code logging.level.siamese.audit}, a logback appender), apart from the service's
 * other logs, which never carry them.
 */
@Component
public class AuditLog {

	private static final Logger audit = LoggerFactory.getLogger("siamese.audit");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * What happened, to what, and by whose key: taken when the event is made, on the
	 * request's thread, so that an answer streamed later still names its caller.
	 */
	public record Event(String event, String key, String model, String subjectId, List<String> referenceIds,
			Long count) {

		public static Event of(String event, String model) {
			return new Event(event, callerKey(), model, null, null, null);
		}

		public Event subject(String subjectId) {
			return new Event(this.event, this.key, this.model, subjectId, this.referenceIds, this.count);
		}

		public Event references(List<String> referenceIds) {
			return new Event(this.event, this.key, this.model, this.subjectId, referenceIds, this.count);
		}

		public Event count(long count) {
			return new Event(this.event, this.key, this.model, this.subjectId, this.referenceIds, count);
		}

	}

	/**
	 * Runs the action and writes its line: the event with what {@code details} adds from
	 * the result, or, when the action throws, refused and the exception's type (never its
	 * message, which may quote the request).
	 */
	public <T> T record(Event event, Supplier<T> action, BiFunction<Event, T, Event> details) {
		T result;
		try {
			result = action.get();
		}
		catch (RuntimeException ex) {
			write(event, "refused: " + ex.getClass().getSimpleName());
			throw ex;
		}
		write(details.apply(event, result), "ok");
		return result;
	}

	/** Runs the action and writes its line. */
	public void record(Event event, Runnable action) {
		record(event, () -> {
			action.run();
			return null;
		}, (done, nothing) -> done);
	}

	private static void write(Event event, String outcome) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("event", event.event());
		line.put("key", event.key());
		line.put("model", event.model());
		if (event.subjectId() != null) {
			line.put("subject", event.subjectId());
		}
		if (event.referenceIds() != null) {
			line.put("references", event.referenceIds());
		}
		if (event.count() != null) {
			line.put("count", event.count());
		}
		line.put("outcome", outcome);
		audit.info(JSON.writeValueAsString(line));
	}

	private static String callerKey() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof ApiKey key) ? key.id()
				: ApiKey.ANYONE.id();
	}

}
