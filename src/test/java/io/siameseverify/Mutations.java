package io.siameseverify;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The byte-level mutations of a fuzz test: each takes valid inputs (the seeds) and breaks
 * one in the ways corrupt files and hostile clients do: flipped bits, overwritten bytes,
 * a cut, a repeated or removed stretch, a huge or negative 32-bit field (a width, a
 * length), two inputs spliced. Seeded, so that a failure is reproduced from its seed.
 */
public final class Mutations {

	private final Random random;

	private final List<byte[]> seeds;

	public Mutations(long seed, List<byte[]> seeds) {
		this.random = new Random(seed);
		this.seeds = seeds;
	}

	/** One seed, mutated one to four times. */
	public byte[] next() {
		byte[] bytes = this.seeds.get(this.random.nextInt(this.seeds.size())).clone();
		int rounds = 1 + this.random.nextInt(4);
		for (int i = 0; i < rounds && bytes.length > 0; i++) {
			bytes = mutate(bytes);
		}
		return bytes;
	}

	private byte[] mutate(byte[] bytes) {
		int at = this.random.nextInt(bytes.length);
		return switch (this.random.nextInt(7)) {
			case 0 -> flipBits(bytes);
			case 1 -> overwrite(bytes, at);
			case 2 -> Arrays.copyOf(bytes, at);
			case 3 -> repeat(bytes, at);
			case 4 -> remove(bytes, at);
			case 5 -> bigField(bytes, at);
			default -> splice(bytes, at);
		};
	}

	private byte[] flipBits(byte[] bytes) {
		for (int i = 0, n = 1 + this.random.nextInt(8); i < n; i++) {
			int at = this.random.nextInt(bytes.length);
			bytes[at] ^= (byte) (1 << this.random.nextInt(8));
		}
		return bytes;
	}

	private byte[] overwrite(byte[] bytes, int at) {
		for (int i = at, end = Math.min(bytes.length, at + 1 + this.random.nextInt(16)); i < end; i++) {
			bytes[i] = (byte) this.random.nextInt(256);
		}
		return bytes;
	}

	private byte[] repeat(byte[] bytes, int at) {
		int length = Math.min(bytes.length - at, 1 + this.random.nextInt(256));
		byte[] out = new byte[bytes.length + length];
		System.arraycopy(bytes, 0, out, 0, at + length);
		System.arraycopy(bytes, at, out, at + length, bytes.length - at);
		return out;
	}

	private byte[] remove(byte[] bytes, int at) {
		int length = Math.min(bytes.length - at, 1 + this.random.nextInt(256));
		byte[] out = new byte[bytes.length - length];
		System.arraycopy(bytes, 0, out, 0, at);
		System.arraycopy(bytes, at + length, out, at, bytes.length - at - length);
		return out;
	}

	private byte[] bigField(byte[] bytes, int at) {
		if (at + 4 > bytes.length) {
			return bytes;
		}
		int[] values = { Integer.MAX_VALUE, -1, 0, 65_535, 1 << 20, 50_000 };
		ByteBuffer.wrap(bytes, at, 4).putInt(values[this.random.nextInt(values.length)]);
		return bytes;
	}

	private byte[] splice(byte[] bytes, int at) {
		byte[] other = this.seeds.get(this.random.nextInt(this.seeds.size()));
		int from = this.random.nextInt(other.length);
		byte[] out = Arrays.copyOf(bytes, at + other.length - from);
		System.arraycopy(other, from, out, at, other.length - from);
		return out;
	}

}
