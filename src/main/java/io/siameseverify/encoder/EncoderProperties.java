package io.siameseverify.encoder;

import java.time.Duration;

import io.siameseverify.encoder.image.ImageLimits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How models run and what images they accept ({@code siamese.encoder.*}).
 *
 * @param threads libtorch intra-op threads per inference worker; 0 means the available
 * processors divided among the workers
 * @param inferenceWorkers threads that run inferences, shared by every model, each with a
 * predictor of every network: the number of inferences that run at once. Keep
 * {@code inferenceWorkers × threads} at most the processors (see
 * {@link InferenceWorkers})
 * @param maxWait how long a request waits for its forward pass to begin before a 503
 * @param maxBatch most inputs of one network run as one forward pass (1: no batching)
 * @param detectorMaxBatch most photos the face detector takes in one forward pass, at
 * most {@code maxBatch}: 1, because on a CPU its forward at 416 × 416 costs as much per
 * photo at batch 2 and more at 4 (docs/performance.md); raise it on hardware where
 * batching pays
 * @param batchWindow how long a worker with a batch not yet full waits for more, only
 * while more calls are in flight than there are workers
 * @param maxImageBytes largest encoded image accepted
 * @param maxImagePixels largest width × height accepted, checked before decoding
 * @param maxDecodedBytes largest decoded raster accepted (pixels × channels × bit depth),
 * checked before decoding
 * @param decodeMemory memory all images being decoded and preprocessed may hold at once;
 * beyond it decodes wait, at most {@code maxWait} (see {@link DecodeMemory})
 * @param maxBatchImages most images one request to the batch endpoint may carry
 */
@Validated
@ConfigurationProperties("siamese.encoder")
public record EncoderProperties(@DefaultValue("0") @Min(0) int threads, @DefaultValue("2") @Min(1) int inferenceWorkers,
		@DefaultValue("5s") @NotNull Duration maxWait, @DefaultValue("16") @Min(1) int maxBatch,
		@DefaultValue("1") @Min(1) int detectorMaxBatch, @DefaultValue("2ms") @NotNull Duration batchWindow,
		@DefaultValue("10MB") @NotNull DataSize maxImageBytes, @DefaultValue("40000000") @Min(1) long maxImagePixels,
		@DefaultValue("160MB") @NotNull DataSize maxDecodedBytes, @DefaultValue("640MB") @NotNull DataSize decodeMemory,
		@DefaultValue("64") @Min(1) int maxBatchImages) {

	int effectiveThreads() {
		return effectiveThreads(Runtime.getRuntime().availableProcessors());
	}

	/**
	 * In a container the JVM's processors follow the CPU limit (or
	 * -XX:ActiveProcessorCount).
	 */
	int effectiveThreads(int processors) {
		return (this.threads > 0) ? this.threads : Math.max(1, processors / this.inferenceWorkers);
	}

	ImageLimits imageLimits() {
		return new ImageLimits(this.maxImageBytes, this.maxImagePixels, this.maxDecodedBytes);
	}

}
