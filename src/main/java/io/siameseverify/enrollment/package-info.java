/**
 * Enrolment: reference images in, embeddings stored per subject; listing and deletion; a
 * model's whole gallery out and back in as NDJSON. Uses the encoder and gallery packages.
 */
package io.siameseverify.enrollment;
