package io.capacitypilot.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scripts/capacity-lease} run as a pipeline runs it: through {@code sh}, with curl. */
public final class LeaseScript {

	private LeaseScript() {
	}

	/** Starts the script with {@code args}, in an environment without the service's URL but for {@code environment}. */
	public static Process start(Map<String, String> environment, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of("sh", "scripts/capacity-lease"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().remove("CAPACITY_PILOT_URL");
		builder.environment().remove("CAPACITY_PILOT_TOKEN");
		builder.environment().putAll(environment);
		return builder.start();
	}

	public static Result finish(Process process) throws Exception {
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script finished").isTrue();
		return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
				new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	public static Result run(Map<String, String> environment, String... args) throws Exception {
		return finish(start(environment, args));
	}

	public record Result(int exitCode, String stdout, String stderr) {
	}

}
