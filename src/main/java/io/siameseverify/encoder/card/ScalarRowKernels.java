package io.siameseverify.encoder.card;

/**
 * Plain loops in four independent sums: one sum would make every addition wait for the
 * last.
 */
final class ScalarRowKernels implements RowKernels {

	@Override
	public double squaredDistance(float[] rows, int offset, double[] probe) {
		double s0 = 0;
		double s1 = 0;
		double s2 = 0;
		double s3 = 0;
		int n = probe.length;
		int i = 0;
		for (; i + 3 < n; i += 4) {
			double d0 = rows[offset + i] - probe[i];
			double d1 = rows[offset + i + 1] - probe[i + 1];
			double d2 = rows[offset + i + 2] - probe[i + 2];
			double d3 = rows[offset + i + 3] - probe[i + 3];
			s0 += d0 * d0;
			s1 += d1 * d1;
			s2 += d2 * d2;
			s3 += d3 * d3;
		}
		for (; i < n; i++) {
			double d = rows[offset + i] - probe[i];
			s0 += d * d;
		}
		return (s0 + s1) + (s2 + s3);
	}

	@Override
	public double dot(float[] rows, int offset, double[] probe) {
		double s0 = 0;
		double s1 = 0;
		double s2 = 0;
		double s3 = 0;
		int n = probe.length;
		int i = 0;
		for (; i + 3 < n; i += 4) {
			s0 += rows[offset + i] * probe[i];
			s1 += rows[offset + i + 1] * probe[i + 1];
			s2 += rows[offset + i + 2] * probe[i + 2];
			s3 += rows[offset + i + 3] * probe[i + 3];
		}
		for (; i < n; i++) {
			s0 += rows[offset + i] * probe[i];
		}
		return (s0 + s1) + (s2 + s3);
	}

	@Override
	public String description() {
		return "plain loops (start the JVM with --add-modules " + VECTOR_MODULE
				+ " for the Vector API, two to three times faster over large galleries)";
	}

}
