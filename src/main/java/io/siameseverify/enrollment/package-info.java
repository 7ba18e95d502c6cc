/**
 * Enrolment: reference images in, embeddings stored per subject; listing and deletion.
 * Uses the encoder and gallery packages.
 */
package io.siameseverify.enrollment;
