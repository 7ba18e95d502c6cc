package io.siameseverify.encoder.card;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the JDK's Vector API, at the processor's widest vectors. A slice of the
 * row is loaded as floats, widened to two vectors of doubles and summed by fused
 * multiply-adds in double precision, like the scalar kernels: the results differ from
 * theirs only in rounding (the order of the additions, one rounding per multiply-add).
 */
final class VectorRowKernels implements RowKernels {

	private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

	private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

	/**
	 * How many vectors of doubles one vector of floats widens into (2 on every
	 * processor).
	 */
	private static final int PARTS = FLOATS.length() / DOUBLES.length();

	@Override
	public double squaredDistance(float[] rows, int offset, double[] probe) {
		int n = probe.length;
		int bound = (PARTS == 2) ? FLOATS.loopBound(n) : 0;
		DoubleVector low = DoubleVector.zero(DOUBLES);
		DoubleVector high = DoubleVector.zero(DOUBLES);
		for (int i = 0; i < bound; i += FLOATS.length()) {
			FloatVector row = FloatVector.fromArray(FLOATS, rows, offset + i);
			DoubleVector d0 = widen(row, 0).sub(DoubleVector.fromArray(DOUBLES, probe, i));
			DoubleVector d1 = widen(row, 1).sub(DoubleVector.fromArray(DOUBLES, probe, i + DOUBLES.length()));
			low = d0.fma(d0, low);
			high = d1.fma(d1, high);
		}
		double sum = low.add(high).reduceLanes(VectorOperators.ADD);
		for (int i = bound; i < n; i++) {
			double d = rows[offset + i] - probe[i];
			sum += d * d;
		}
		return sum;
	}

	@Override
	public double dot(float[] rows, int offset, double[] probe) {
		int n = probe.length;
		int bound = (PARTS == 2) ? FLOATS.loopBound(n) : 0;
		DoubleVector low = DoubleVector.zero(DOUBLES);
		DoubleVector high = DoubleVector.zero(DOUBLES);
		for (int i = 0; i < bound; i += FLOATS.length()) {
			FloatVector row = FloatVector.fromArray(FLOATS, rows, offset + i);
			low = widen(row, 0).fma(DoubleVector.fromArray(DOUBLES, probe, i), low);
			high = widen(row, 1).fma(DoubleVector.fromArray(DOUBLES, probe, i + DOUBLES.length()), high);
		}
		double sum = low.add(high).reduceLanes(VectorOperators.ADD);
		for (int i = bound; i < n; i++) {
			sum += rows[offset + i] * probe[i];
		}
		return sum;
	}

	private static DoubleVector widen(FloatVector floats, int part) {
		return (DoubleVector) floats.convertShape(VectorOperators.F2D, DOUBLES, part);
	}

	@Override
	public String description() {
		return "the Vector API, " + FLOATS.vectorBitSize() + "-bit vectors";
	}

}
