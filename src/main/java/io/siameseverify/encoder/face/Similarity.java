package io.siameseverify.encoder.face;

/**
 * Least-squares 2-D similarity transform (uniform scale, rotation, translation, no
 * reflection) mapping points p onto points q: qx = a·px − b·py + tx, qy = b·px + a·py +
 * ty.
 */
final class Similarity {

	private Similarity() {
	}

	/** {a, b, tx, ty} minimising Σ |T(p) − q|² over the first n points. */
	static double[] fit(double[] px, double[] py, double[] qx, double[] qy, int n) {
		double mpx = 0;
		double mpy = 0;
		double mqx = 0;
		double mqy = 0;
		for (int i = 0; i < n; i++) {
			mpx += px[i] / n;
			mpy += py[i] / n;
			mqx += qx[i] / n;
			mqy += qy[i] / n;
		}
		double dot = 0;
		double cross = 0;
		double norm = 0;
		for (int i = 0; i < n; i++) {
			double ux = px[i] - mpx;
			double uy = py[i] - mpy;
			double vx = qx[i] - mqx;
			double vy = qy[i] - mqy;
			dot += ux * vx + uy * vy;
			cross += ux * vy - uy * vx;
			norm += ux * ux + uy * uy;
		}
		double a = dot / norm;
		double b = cross / norm;
		return new double[] { a, b, mqx - (a * mpx - b * mpy), mqy - (b * mpx + a * mpy) };
	}

}
