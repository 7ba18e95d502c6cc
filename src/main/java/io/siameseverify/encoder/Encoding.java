package io.siameseverify.encoder;

/**
 * An embedding and, for face models with detection, how many faces the image held (the
 * largest was encoded); {@code null} faces when the model does not detect.
 */
public record Encoding(Embedding embedding, Integer facesFound) {
}
