package io.siameseverify.encoder.image;

/**
 * Decoded pixels and the share of {@link DecodeMemory} they hold: close it once the
 * pixels are no longer needed (after preprocessing).
 */
public record DecodedImage(Pixels pixels, DecodeMemory.Reservation reservation) implements AutoCloseable {

	@Override
	public void close() {
		this.reservation.close();
	}

}
