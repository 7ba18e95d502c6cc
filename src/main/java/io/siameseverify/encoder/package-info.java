/**
 * Image bytes to embeddings: decoding with limits, the model card's preprocessing,
 * TorchScript networks through DJL with a pool of predictors, and the registry of
 * configured models. Knows nothing of HTTP; depends on no other feature package.
 */
package io.siameseverify.encoder;
