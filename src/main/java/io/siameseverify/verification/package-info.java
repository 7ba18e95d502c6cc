/**
 * Decisions: 1:1 pair verification, probe against an enrolled subject, 1:N
 * identification, and the served models' descriptions. Uses the encoder and gallery
 * packages; never enrollment.
 */
package io.siameseverify.verification;
