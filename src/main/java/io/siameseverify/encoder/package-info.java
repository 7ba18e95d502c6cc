/**
 * Image bytes to embeddings. The root assembles a served model from its rooms (the model,
 * its loader, the registry of configured models, the preprocessing contract); the rooms
 * follow an image: {@code card}, {@code runtime}, {@code image}, then {@code face} or
 * {@code signature}. Knows nothing of HTTP; depends on no other feature package.
 */
package io.siameseverify.encoder;
