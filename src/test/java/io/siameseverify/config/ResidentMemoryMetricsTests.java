package io.siameseverify.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ResidentMemoryMetricsTests {

	@TempDir
	Path folder;

	@Test
	void residentBytesShouldBeReadFromVmRssInKilobytes() throws IOException {
		Path status = this.folder.resolve("status");
		Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  581204 kB\nThreads:\t41\n");
		assertThat(ResidentMemoryMetrics.residentBytes(status)).hasValue(581204L * 1024);
	}

	@Test
	void statusWithoutVmRssShouldGiveNothing() throws IOException {
		Path status = this.folder.resolve("status");
		Files.writeString(status, "Name:\tjava\n");
		assertThat(ResidentMemoryMetrics.residentBytes(status)).isEmpty();
		assertThat(ResidentMemoryMetrics.residentBytes(this.folder.resolve("absent"))).isEmpty();
	}

}
