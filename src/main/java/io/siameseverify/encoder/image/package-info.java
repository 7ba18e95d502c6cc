/**
 * Image bytes to pixels within limits and a memory budget, and the resamplers that keep
 * bit parity with the Python pipeline. Uses the runtime's tensors; knows no pipeline.
 */
package io.siameseverify.encoder.image;
