package io.siameseverify.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Facts the deployment files must agree with, read from where they are decided: the
 * application's configuration and the Dockerfile.
 */
final class ProjectFiles {

	private ProjectFiles() {
	}

	/** server.port of the application, 8080 unless application.yaml says otherwise. */
	static int applicationPort() throws IOException {
		Map<String, Object> settings = new Yaml()
			.load(Files.readString(Path.of("src/main/resources/application.yaml")));
		Object server = settings.get("server");
		Object port = (server instanceof Map<?, ?> map) ? map.get("port") : null;
		return (port != null) ? (Integer) port : 8080;
	}

	/** management.server.port of the application: the actuator's own port. */
	static int managementPort() throws IOException {
		Map<String, Object> settings = new Yaml()
			.load(Files.readString(Path.of("src/main/resources/application.yaml")));
		Object management = settings.get("management");
		Object server = (management instanceof Map<?, ?> map) ? map.get("server") : null;
		Object port = (server instanceof Map<?, ?> map) ? map.get("port") : null;
		assertThat(port).as("application.yaml sets management.server.port").isNotNull();
		return (Integer) port;
	}

	/** The numeric user the Dockerfile runs as. */
	static long imageUser() throws IOException {
		Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(Files.readString(Path.of("Dockerfile")));
		assertThat(user.find()).as("Dockerfile has USER uid:gid").isTrue();
		return Long.parseLong(user.group(1));
	}

	/** The working directory of the Dockerfile's last (runtime) stage. */
	static String imageWorkdir() throws IOException {
		Matcher workdir = Pattern.compile("(?m)^WORKDIR (\\S+)$").matcher(Files.readString(Path.of("Dockerfile")));
		String last = null;
		while (workdir.find()) {
			last = workdir.group(1);
		}
		assertThat(last).as("Dockerfile has a WORKDIR").isNotNull();
		return last;
	}

	/** A variable the Dockerfile's runtime stage sets with ENV. */
	static String imageEnv(String name) throws IOException {
		Matcher env = Pattern.compile("\\b" + name + "=(\\S+)").matcher(Files.readString(Path.of("Dockerfile")));
		assertThat(env.find()).as("Dockerfile sets %s", name).isTrue();
		return env.group(1);
	}

}
