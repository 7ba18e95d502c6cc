/**
 * The galleries of enrolled embeddings, one per model: an in-memory copy that verify and
 * identify scan (a contiguous float matrix, limits), kept in step with its store of
 * record ({@code gallery.store}): a change is durable before it is acknowledged, and
 * replicas sharing a store follow each other's changes. Stores embeddings, never images.
 * Knows nothing of HTTP; depends on the encoder package only for the models' specs and
 * metrics.
 */
package io.siameseverify.gallery;
