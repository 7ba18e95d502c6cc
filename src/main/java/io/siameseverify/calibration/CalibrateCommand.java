package io.siameseverify.calibration;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.EncoderModel;
import io.siameseverify.encoder.ModelRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar siamese-verify.jar calibrate --model face --data DIR …}: starts the
 * models without the web server, calibrates on a labelled folder, writes
 * {@code report.json} and {@code roc.png}, and prints the report as JSON on standard
 * output; logs and messages go to standard error, so that the output can be piped. Parsed
 * by picocli: {@code --help} lists the options, an unknown option is refused.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Measures a model on a labelled folder (DIR/<identity>/<image>): the ROC, the EER, and FAR/FRR "
				+ "at the shipped threshold; or on a pairs file: accuracy at the threshold, the best accuracy, AUC, "
				+ "and every failure by kind with its chips (failures/). Prints the report as JSON; writes "
				+ "report.json and roc.png." },
		exitCodeOnInvalidInput = 2)
public final class CalibrateCommand implements Callable<Integer> {

	@Option(names = "--model", required = true, description = "the configured model: face or signature")
	String model;

	@Option(names = "--data", required = true,
			description = "the labelled folder: one sub-folder per identity (with --pairs: the folder the pairs' paths are under)")
	Path data;

	@Option(names = "--pairs",
			description = "a pairs file (img1,img2,same; LFW's protocol): measures these pairs instead of all pairs of --data")
	Path pairs;

	@Option(names = "--face",
			description = "face models: which detected face is encoded: largest (default), " + "central, best or only")
	String face;

	@Option(names = "--detect", arity = "1", description = "face models: false takes the images as crops")
	Boolean detect;

	@Option(names = "--alignment", description = "face models: dlib-chip (default), dlib-chip-5 or landmark-box")
	String alignment;

	@Option(names = "--identity-pattern",
			description = "a regex whose group 1 splits a folder's files into identities (file names)")
	String identityPattern;

	@Option(names = "--forgeries",
			description = "files whose name starts with this are skilled forgeries of their folder's writer")
	String forgeries;

	@Option(names = "--classes", split = ",", description = "only these sub-folders")
	List<String> classes = List.of();

	@Option(names = "--max-impostor-pairs", defaultValue = "500000",
			description = "at most this many impostor pairs, sampled (default ${DEFAULT-VALUE})")
	int maxImpostorPairs;

	@Option(names = "--out", description = "where report.json and roc.png go (default calibration-<model>)")
	Path out;

	private final Class<?> application;

	private final PrintStream report;

	private CalibrateCommand(Class<?> application, PrintStream report) {
		this.application = application;
		this.report = report;
	}

	/**
	 * Runs the command line that follows {@code calibrate}; the exit code: 0 done, 1
	 * failed, 2 a bad command line.
	 */
	public static int run(Class<?> application, String[] args) {
		// the report alone goes to standard output: Spring's banner and logs, written to
		// System.out, go to standard error
		PrintStream stdout = System.out;
		System.setOut(System.err);
		try {
			CommandLine command = new CommandLine(new CalibrateCommand(application, stdout));
			command.setOut(new PrintWriter(stdout, true));
			// a failure is one line on standard error, not a stack trace
			command.setExecutionExceptionHandler((ex, line, parsed) -> {
				line.getErr().println("calibrate: " + ex.getMessage());
				return 1;
			});
			return command.execute(Arrays.copyOfRange(args, 1, args.length));
		}
		finally {
			System.setOut(stdout);
		}
	}

	@Override
	public Integer call() throws Exception {
		// no gallery is needed: nothing is enrolled, so nothing is stored. As arguments,
		// which (unlike default properties) outrank application.yaml's embedded store
		List<String> arguments = new ArrayList<>(List.of("--siamese.gallery.store=memory"));
		if (this.alignment != null) {
			arguments.add("--siamese.models." + this.model + ".alignment=" + this.alignment);
		}
		SpringApplicationBuilder builder = new SpringApplicationBuilder(this.application).web(WebApplicationType.NONE)
			.logStartupInfo(false);
		try (ConfigurableApplicationContext context = builder.run(arguments.toArray(String[]::new))) {
			Path folder = (this.out != null) ? this.out : Path.of("calibration-" + this.model);
			EncoderModel encoder = context.getBean(ModelRegistry.class).get(this.model);
			EncodeOptions options = EncodeOptions.of(this.detect, this.face);
			Map<String, Object> result = (this.pairs != null)
					? new PairsBenchmark(encoder, new PairsBenchmark.Settings(this.data, this.pairs, options, folder))
						.run()
					: new Calibration(encoder,
							new Calibration.Settings(this.data, this.identityPattern, this.forgeries,
									new LinkedHashSet<>(this.classes), options, this.maxImpostorPairs, 7, folder))
						.run();
			this.report.println(ReportFiles.JSON.writeValueAsString(result));
			System.err.println("written: " + folder.resolve("report.json") + ", " + folder.resolve("roc.png"));
		}
		return 0;
	}

}
