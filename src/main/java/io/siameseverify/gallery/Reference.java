package io.siameseverify.gallery;

import java.time.Instant;

/**
 * One enrolled embedding of a subject, as the API shows it (the vector itself is never
 * shown).
 */
public record Reference(String referenceId, Instant createdAt, String modelVersion) {
}
