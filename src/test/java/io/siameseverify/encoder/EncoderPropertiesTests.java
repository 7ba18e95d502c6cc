package io.siameseverify.encoder;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code siamese.encoder.*}: defaults, validation, and how libtorch's threads follow the
 * processors the workers share.
 */
class EncoderPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void defaultsShouldBeTwoWorkersThreadsFromTheProcessorsAndTheDetectorUnbatched() {
		this.runner.run((context) -> {
			EncoderProperties encoder = context.getBean(EncoderProperties.class);
			assertThat(encoder.inferenceWorkers()).isEqualTo(2);
			assertThat(encoder.threads()).isZero();
			assertThat(encoder.maxWait()).isEqualTo(Duration.ofSeconds(5));
			assertThat(encoder.maxImageBytes()).isEqualTo(DataSize.ofMegabytes(10));
			assertThat(encoder.maxBatch()).isEqualTo(16);
			assertThat(encoder.detectorMaxBatch()).isEqualTo(1);
		});
	}

	@Test
	void zeroWorkersShouldStopStartUp() {
		this.runner.withPropertyValues("siamese.encoder.inference-workers=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("inferenceWorkers"));
	}

	@Test
	void threadsWhenZeroShouldDivideTheProcessorsAmongTheWorkers() {
		EncoderProperties defaults = properties(0, 2);
		assertThat(defaults.effectiveThreads(2)).isEqualTo(1);
		assertThat(defaults.effectiveThreads(8)).isEqualTo(4);
		assertThat(properties(0, 3).effectiveThreads(2)).as("never below one").isEqualTo(1);
		assertThat(properties(3, 2).effectiveThreads(8)).as("an explicit setting wins").isEqualTo(3);
	}

	/** Settings as the defaults give them, but for the threads and workers. */
	static EncoderProperties properties(int threads, int workers) {
		return new EncoderProperties(threads, workers, Duration.ofSeconds(5), 16, 1, Duration.ofMillis(2),
				DataSize.ofMegabytes(10), 40_000_000, DataSize.ofMegabytes(160), DataSize.ofMegabytes(640), 64);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(EncoderProperties.class)
	static class Settings {

	}

}
