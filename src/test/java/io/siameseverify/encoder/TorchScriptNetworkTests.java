package io.siameseverify.encoder;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The predictor pool on the shipped signature encoder: a call waits for a free predictor
 * at most the configured time, then fails as overloaded instead of queueing without
 * bound.
 */
class TorchScriptNetworkTests {

	private static final Tensor BLANK = new Tensor(new float[64 * 128], new long[] { 1, 1, 64, 128 });

	@Test
	void callShouldFailAsBusyWhenEveryPredictorStaysTaken() {
		try (TorchScriptNetwork network = new TorchScriptNetwork(Path.of("models/signature/model.pt"), 1,
				Duration.ofMillis(50))) {
			TorchScriptNetwork.Worker held = network.borrow();
			assertThatThrownBy(() -> network.run(BLANK)).isInstanceOf(EncoderBusyException.class)
				.hasMessage("all predictors busy for 50 ms");
			network.giveBack(held);
			assertThat(network.run(BLANK).data()).hasSize(128);
		}
	}

}
