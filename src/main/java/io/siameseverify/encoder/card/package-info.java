/**
 * Model cards: reading {@code model.json}, checking it against the model folder, and the
 * spec (threshold, metric, subject rule) a model serves under. Uses no other room.
 */
package io.siameseverify.encoder.card;
