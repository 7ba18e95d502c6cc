/**
 * The signature pipeline: ink found, cropped, fitted to the canvas, thinned and redrawn
 * at one stroke width. Uses image and runtime, and the assembly's preprocessing contract;
 * never the face pipeline.
 */
package io.siameseverify.encoder.signature;
