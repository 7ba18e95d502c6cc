package io.siameseverify.encoder;

import org.springframework.util.unit.DataSize;

/**
 * What one image may weigh: encoded bytes, and width × height, checked from the header
 * before the pixels are decoded (a 50 000 × 50 000 PNG is refused without allocating it).
 */
public record ImageLimits(DataSize maxBytes, long maxPixels) {
}
