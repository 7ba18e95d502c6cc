package io.siameseverify.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.siameseverify.encoder.EncoderModel;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every measurement leaves in its output folder: {@code report.json} and
 * {@code roc.png}, the plot titled with the model and what it was measured on.
 */
final class ReportFiles {

	/** The report as JSON, indented, as printed and as written. */
	static final ObjectWriter JSON = JsonMapper.builder().build().writerWithDefaultPrettyPrinter();

	private ReportFiles() {
	}

	static void write(Path out, Map<String, Object> report, Roc roc, EncoderModel model, Path measuredOn)
			throws IOException {
		JSON.writeValue(out.resolve("report.json").toFile(), report);
		RocPlot.write(roc, model.threshold(),
				"%s %s on %s".formatted(model.name(), model.version(), measuredOn.getFileName()),
				out.resolve("roc.png"));
	}

}
