package io.siameseverify.gallery;

/**
 * The closest reference of one subject to a probe.
 */
public record Match(SubjectId subjectId, String referenceId, double distance) {
}
