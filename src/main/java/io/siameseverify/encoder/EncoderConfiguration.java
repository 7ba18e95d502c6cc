package io.siameseverify.encoder;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.siameseverify.encoder.runtime.InferenceWorkers;

import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the model registry. libtorch reads its thread settings once, when the engine
 * first loads, so they are set here before any model.
 */
@Configuration(proxyBeanMethods = false)
class EncoderConfiguration {

	@Bean(destroyMethod = "close")
	InferenceWorkers inferenceWorkers(EncoderProperties encoder) {
		return new InferenceWorkers(encoder.inferenceWorkers(), encoder.maxWait(), encoder.maxBatch(),
				encoder.batchWindow());
	}

	@Bean(destroyMethod = "close")
	ModelRegistry modelRegistry(ModelsProperties models, EncoderProperties encoder, InferenceWorkers workers,
			MeterRegistry meters) {
		System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(encoder.effectiveThreads()));
		System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
		// the graph optimiser re-specialises a model on its first few calls: steadier
		// latency without it
		System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
		if (System.getProperty("ai.djl.offline") == null) {
			System.setProperty("ai.djl.offline", "true");
		}
		return new ModelRegistry(models, new ModelLoader(encoder, workers, meters,
				new ModelFolders(Path.of(""), new ApplicationHome(EncoderConfiguration.class).getDir().toPath())));
	}

}
