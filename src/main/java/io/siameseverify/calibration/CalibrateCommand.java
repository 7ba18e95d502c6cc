package io.siameseverify.calibration;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.siameseverify.encoder.EncodeOptions;
import io.siameseverify.encoder.ModelRegistry;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar siamese-verify.jar calibrate --model face --data DIR [--detect false]
 * [--alignment dlib-chip|landmark-box] [--identity-pattern REGEX] [--forgeries PREFIX]
 * [--classes a,b,…] [--max-impostor-pairs N] [--out DIR]}: starts the models without the
 * web server, calibrates, prints the summary and writes {@code report.json} and
 * {@code roc.png}. {@code --forgeries forged_}: files whose name starts with it are
 * skilled forgeries of their folder's writer.
 */
public final class CalibrateCommand {

	private CalibrateCommand() {
	}

	public static int run(Class<?> application, String[] args) throws Exception {
		Map<String, String> options = parse(Arrays.copyOfRange(args, 1, args.length));
		String model = require(options, "model");
		Path data = Path.of(require(options, "data"));
		// no gallery is needed: nothing is enrolled, so nothing is stored
		SpringApplicationBuilder builder = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("siamese.gallery.store=memory");
		if (options.containsKey("alignment")) {
			builder.properties("siamese.models." + model + ".alignment=" + options.get("alignment"));
		}
		try (ConfigurableApplicationContext context = builder.run()) {
			Set<String> classes = new LinkedHashSet<>();
			if (options.containsKey("classes")) {
				classes.addAll(Arrays.asList(options.get("classes").split(",")));
			}
			Boolean detect = options.containsKey("detect") ? Boolean.valueOf(options.get("detect")) : null;
			Calibration.Settings settings = new Calibration.Settings(data, options.get("identity-pattern"),
					options.get("forgeries"), classes, new EncodeOptions(detect),
					Integer.parseInt(options.getOrDefault("max-impostor-pairs", "500000")), 7,
					Path.of(options.getOrDefault("out", "calibration-" + model)));
			Map<String, Object> report = new Calibration(context.getBean(ModelRegistry.class).get(model), settings)
				.run();
			System.out.println(tools.jackson.databind.json.JsonMapper.builder()
				.build()
				.writerWithDefaultPrettyPrinter()
				.writeValueAsString(report));
			System.out.println(
					"written: " + settings.out().resolve("report.json") + ", " + settings.out().resolve("roc.png"));
		}
		return 0;
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}

	private static String require(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("calibrate needs --" + name);
		}
		return value;
	}

}
