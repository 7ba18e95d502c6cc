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
	void aucShouldBeTheShareOfGenuineImpostorPairsInOrderWithTiesHalf() {
		// genuine {0.1, 0.3, 0.5} against impostor {0.3, 0.6}: of 6 pairs 4 in order,
		// one tie (0.3, 0.3) and one reversed (0.5, 0.3)
		Roc roc = Roc.of(new double[] { 0.1, 0.3, 0.5 }, new double[] { 0.3, 0.6 });
		assertThat(roc.auc()).isCloseTo(4.5 / 6, within(1e-12));
	}

	@Test
	void aucOfOverlappingGaussiansShouldMatchTheory() {
		Random random = new Random(2);
		double[] genuine = random.doubles(50_000).map((x) -> x).toArray();
		double[] impostor = random.doubles(50_000).map((x) -> x + 0.5).toArray();
		// uniform on [0, 1) against [0.5, 1.5): P(g < i) = 1 − 0.5² / 2 = 0.875
		assertThat(Roc.of(genuine, impostor).auc()).isCloseTo(0.875, within(0.005));
	}

	@Test
	void accuracyShouldWeighPairsNotRates() {
		// 3 genuine, 1 impostor: at 0.35 two genuine accepted, the impostor rejected
		Roc roc = Roc.of(new double[] { 0.1, 0.3, 0.5 }, new double[] { 0.4 });
		assertThat(roc.accuracyAt(0.35)).isCloseTo(0.75, within(1e-12));
		double[] best = roc.bestAccuracy();
		assertThat(best[0]).isCloseTo(0.75, within(1e-12));
		// the first best interval: between 0.3 and 0.4
		assertThat(best[1]).isCloseTo(0.35, within(1e-12));
	}

	@Test
	void rejectedPairsAtInfinityShouldCountAsRejectedAtEveryThreshold() {
		Roc roc = Roc.of(new double[] { 0.1, Double.POSITIVE_INFINITY }, new double[] { 0.9 });
		assertThat(roc.accuracyAt(0.5)).isCloseTo(2.0 / 3, within(1e-12));
		assertThat(roc.bestAccuracy()[1]).isCloseTo(0.5, within(1e-12));
		// the unencoded genuine pair lies after the impostor: 1 of 2 orders right
		assertThat(roc.auc()).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void rocWithoutImpostorsShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Roc.of(new double[] { 0.1 }, new double[0]));
	}

}
