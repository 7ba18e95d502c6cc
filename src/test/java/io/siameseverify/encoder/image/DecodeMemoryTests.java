package io.siameseverify.encoder.image;

import java.time.Duration;

import io.siameseverify.encoder.runtime.EncoderBusyException;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decode budget holds what it lends until it is given back, and no longer waits. */
class DecodeMemoryTests {

	private final DecodeMemory memory = new DecodeMemory(DataSize.ofMegabytes(10), Duration.ofMillis(100));

	@Test
	void aReservationPastTheBudgetWaitsThenAnswersBusy() {
		try (DecodeMemory.Reservation first = this.memory.reserve(DataSize.ofMegabytes(6).toBytes())) {
			assertThatThrownBy(() -> this.memory.reserve(DataSize.ofMegabytes(6).toBytes()))
				.isInstanceOf(EncoderBusyException.class);
			try (DecodeMemory.Reservation small = this.memory.reserve(DataSize.ofMegabytes(4).toBytes())) {
				assertThat(this.memory.available()).isZero();
			}
		}
		assertThat(this.memory.available()).isEqualTo(DataSize.ofMegabytes(10).toBytes());
	}

	@Test
	void oneLargerThanTheBudgetRunsAlone() {
		try (DecodeMemory.Reservation huge = this.memory.reserve(DataSize.ofMegabytes(50).toBytes())) {
			assertThat(this.memory.available()).isZero();
		}
		assertThat(this.memory.available()).isEqualTo(DataSize.ofMegabytes(10).toBytes());
	}

	@Test
	void closingTwiceGivesBackOnce() {
		DecodeMemory.Reservation reservation = this.memory.reserve(DataSize.ofMegabytes(3).toBytes());
		reservation.close();
		reservation.close();
		assertThat(this.memory.available()).isEqualTo(DataSize.ofMegabytes(10).toBytes());
	}

}
