package io.siameseverify.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * {@code process.memory.resident}: the process's resident set, in bytes. libtorch
 * allocates its weights and activations outside the Java heap, so the JVM's memory meters
 * miss most of what a container's memory limit sees; this is the figure to compare with
 * that limit. Read from {@code /proc/self/status} (Linux); not registered elsewhere.
 */
@Component
class ResidentMemoryMetrics implements MeterBinder {

	private static final Path STATUS = Path.of("/proc/self/status");

	@Override
	public void bindTo(MeterRegistry registry) {
		if (residentBytes(STATUS).isPresent()) {
			Gauge.builder("process.memory.resident", () -> residentBytes(STATUS).orElse(-1))
				.description("resident set size of the process, heap and native memory together")
				.baseUnit("bytes")
				.register(registry);
		}
	}

	/** The {@code VmRSS} line of a Linux status file, which counts in kB. */
	static OptionalLong residentBytes(Path status) {
		try {
			return Files.readAllLines(status)
				.stream()
				.filter((line) -> line.startsWith("VmRSS:"))
				.map((line) -> line.replaceAll("[^0-9]", ""))
				.mapToLong((kilobytes) -> Long.parseLong(kilobytes) * 1024)
				.findFirst();
		}
		catch (IOException | NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

}
