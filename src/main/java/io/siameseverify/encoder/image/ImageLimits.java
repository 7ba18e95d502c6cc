package io.siameseverify.encoder.image;

import org.springframework.util.unit.DataSize;

/**
 * What one image may weigh: encoded bytes; width × height and the decoded raster's bytes
 * (pixels × channels × bit depth), both checked from the header before a pixel is decoded
 * (a 50 000 × 50 000 PNG, or a small 16-bit one that inflates to gigabytes, is refused
 * without allocating it).
 */
public record ImageLimits(DataSize maxBytes, long maxPixels, DataSize maxDecodedBytes) {
}
