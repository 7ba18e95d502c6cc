package io.siameseverify.calibration;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class RocTests {

	@Test
	void ratesWhenAcceptingAtOrBelowTheThresholdShouldCountTies() {
		Roc roc = Roc.of(new double[] { 0.1, 0.2, 0.3, 0.4 }, new double[] { 0.3, 0.5, 0.6, 0.7 });
		assertThat(roc.ratesAt(0.3)).containsExactly(0.25, 0.25);
		assertThat(roc.ratesAt(0.0)).containsExactly(0.0, 1.0);
	}

	@Test
	void equalErrorWhenSeparableShouldBeZeroHalfwayBetween() {
		double[] eer = Roc.of(new double[] { 0.1, 0.2 }, new double[] { 0.8, 0.9 }).equalError();
		assertThat(eer[0]).isZero();
		assertThat(eer[1]).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void equalErrorOfOverlappingGaussiansShouldMatchTheory() {
		Random random = new Random(0);
		double[] genuine = new double[100_000];
		double[] impostor = new double[100_000];
		for (int i = 0; i < genuine.length; i++) {
			genuine[i] = random.nextGaussian();
			impostor[i] = 2 + random.nextGaussian();
		}
		double[] eer = Roc.of(genuine, impostor).equalError();
		// unit normals 2 apart cross at 1: EER = P(N(0,1) > 1) = 15.87 %
		assertThat(eer[0]).isCloseTo(0.1587, within(0.004));
		assertThat(eer[1]).isCloseTo(1.0, within(0.03));
	}

	@Test
	void atFarShouldNeverPassTheTarget() {
		Random random = new Random(1);
		double[] genuine = random.doubles(5000).map((x) -> x).toArray();
		double[] impostor = random.doubles(5000).map((x) -> x + 0.8).toArray();
		double[] point = Roc.of(genuine, impostor).atFar(1e-2);
		assertThat(point[1]).isLessThanOrEqualTo(1e-2);
		assertThat(point[2]).isGreaterThan(0.5);
	}

	@Test
	void rocWithoutImpostorsShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Roc.of(new double[] { 0.1 }, new double[0]));
	}

}
