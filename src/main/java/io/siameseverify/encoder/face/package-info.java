/**
 * The face pipeline: detection, landmarks, alignment onto the encoder's crop. Uses image
 * and runtime, and the assembly's preprocessing contract; never the signature pipeline.
 */
package io.siameseverify.encoder.face;
