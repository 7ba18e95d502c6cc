/**
 * The in-memory gallery of enrolled embeddings, one per model: subjects and their
 * references, a contiguous float matrix for 1:N scans, limits. Stores embeddings, never
 * images. Knows nothing of HTTP; depends on the encoder package only for the metric.
 */
package io.siameseverify.gallery;
