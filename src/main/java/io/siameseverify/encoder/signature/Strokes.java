package io.siameseverify.encoder.signature;

/**
 * Stroke normalisation on a binary canvas: Zhang–Suen thinning and 3 × 3 dilation,
 * outside the canvas counted as background.
 */
final class Strokes {

	private Strokes() {
	}

	/**
	 * Zhang and Suen, CACM 27(3), 1984. A pixel with neighbours P2..P9 (clockwise from
	 * north) is removed when 2 ≤ B ≤ 6, A = 1, and P2·P4·P6 = P4·P6·P8 = 0 (first
	 * sub-iteration) or P2·P4·P8 = P2·P6·P8 = 0 (second); removals of a sub-iteration are
	 * decided on its input.
	 */
	static boolean[] thin(boolean[] mask, int h, int w) {
		boolean[] image = mask.clone();
		boolean removed = true;
		while (removed) {
			removed = false;
			for (int step = 0; step < 2; step++) {
				boolean[] remove = new boolean[image.length];
				boolean any = false;
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						if (image[y * w + x] && removable(image, h, w, x, y, step == 0)) {
							remove[y * w + x] = true;
							any = true;
						}
					}
				}
				if (any) {
					removed = true;
					for (int i = 0; i < image.length; i++) {
						image[i] &= !remove[i];
					}
				}
			}
		}
		return image;
	}

	private static boolean removable(boolean[] im, int h, int w, int x, int y, boolean first) {
		int p2 = at(im, h, w, x, y - 1);
		int p3 = at(im, h, w, x + 1, y - 1);
		int p4 = at(im, h, w, x + 1, y);
		int p5 = at(im, h, w, x + 1, y + 1);
		int p6 = at(im, h, w, x, y + 1);
		int p7 = at(im, h, w, x - 1, y + 1);
		int p8 = at(im, h, w, x - 1, y);
		int p9 = at(im, h, w, x - 1, y - 1);
		int[] ring = { p2, p3, p4, p5, p6, p7, p8, p9, p2 };
		int neighbours = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
		int transitions = 0;
		for (int i = 0; i < 8; i++) {
			if (ring[i] == 0 && ring[i + 1] == 1) {
				transitions++;
			}
		}
		boolean shape = first ? (p2 * p4 * p6 == 0 && p4 * p6 * p8 == 0) : (p2 * p4 * p8 == 0 && p2 * p6 * p8 == 0);
		return neighbours >= 2 && neighbours <= 6 && transitions == 1 && shape;
	}

	private static int at(boolean[] im, int h, int w, int x, int y) {
		return (x >= 0 && y >= 0 && x < w && y < h && im[y * w + x]) ? 1 : 0;
	}

	static boolean[] dilate(boolean[] mask, int h, int w) {
		boolean[] out = new boolean[mask.length];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				if (mask[y * w + x]) {
					for (int dy = -1; dy <= 1; dy++) {
						for (int dx = -1; dx <= 1; dx++) {
							int yy = y + dy;
							int xx = x + dx;
							if (yy >= 0 && xx >= 0 && yy < h && xx < w) {
								out[yy * w + xx] = true;
							}
						}
					}
				}
			}
		}
		return out;
	}

}
