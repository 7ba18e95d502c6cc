/**
 * TorchScript networks run through DJL on the inference workers, and the tensors they
 * take and give. Knows nothing of images; uses the card room only for its exception.
 */
package io.siameseverify.encoder.runtime;
