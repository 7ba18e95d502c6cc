package io.siameseverify.gallery.store;

/**
 * Which gallery a store operation is about: references are kept per model name, and only
 * those of the served version and dimension are loaded into its gallery.
 *
 * @param model the model's name
 * @param version the served model version
 * @param dimension the served embedding size
 */
public record ModelKey(String model, String version, int dimension) {
}
