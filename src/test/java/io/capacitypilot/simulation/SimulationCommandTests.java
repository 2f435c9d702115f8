package io.capacitypilot.simulation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulationCommandTests {

	@TempDir
	Path directory;

	@Test
	void comparesEveryPolicyOnATraceFile() throws IOException {
		StringBuilder csv = new StringBuilder("timestamp_seconds,requests_per_second,valid\n");
		for (int minute = 0; minute < 240; minute++) {
			double rate = (minute < 120) ? 100 + 5 * minute : 700 - 5 * (minute - 120);
			csv.append(60 * minute).append(',').append(rate).append(',').append((minute == 50) ? 0 : 1).append('\n');
		}
		Path trace = Files.writeString(this.directory.resolve("ramp.csv"), csv);

		Map<String, String> options = SimulationCommand
			.parse(new String[] { "--trace", trace.toString(), "--boot", "60s..120s", "--to", "1970-01-01T03:00:00Z" });
		Scenario scenario = SimulationCommand.scenario(options);
		List<ReplayResult> rows = scenario.compare(SimulationCommand.contenders(options), null);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SimulationCommand.print(new PrintStream(out, true, StandardCharsets.UTF_8), scenario, rows, Duration.ZERO);

		assertThat(scenario.trace().end()).isEqualTo(Instant.parse("1970-01-01T03:00:00Z"));
		assertThat(rows).extracting(ReplayResult::policy)
			.containsExactly("oracle", "static peak", "static mean", "AWS target tracking", "Kubernetes HPA",
					"Capacity Pilot engine", "Capacity Pilot engine + predictive", "Capacity Pilot engine, lookahead",
					"Capacity Pilot recommended");
		assertThat(rows.getFirst().metrics().underProvisioning()).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("| oracle ", "| Kubernetes HPA ", "θU %",
				"boot 60–120 s (uniform)");
	}

	@Test
	void runsTheChosenPolicies() {
		assertThat(SimulationCommand.contenders(Map.of("policies", "oracle, engine")))
			.containsExactly(Contender.ORACLE, Contender.ENGINE);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulationCommand.contenders(Map.of("policies", "magic")))
			.withMessageContaining("unknown policy magic");
	}

	@Test
	void readsDurationsDatesAndBootRanges() {
		assertThat(SimulationCommand.duration("180s")).isEqualTo(Duration.ofMinutes(3));
		assertThat(SimulationCommand.duration("3m")).isEqualTo(Duration.ofMinutes(3));
		assertThat(SimulationCommand.duration("PT3M")).isEqualTo(Duration.ofMinutes(3));
		assertThat(SimulationCommand.instant("1998-06-10")).isEqualTo(Instant.parse("1998-06-10T00:00:00Z"));
		assertThat(SimulationCommand.parse(new String[] { "--target", "60", "--help" }))
			.isEqualTo(Map.of("target", "60", "help", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> SimulationCommand.parse(new String[] { "--target" }));
		assertThatIllegalArgumentException().isThrownBy(() -> SimulationCommand.parse(new String[] { "--capcity", "9" }))
			.withMessageContaining("unknown option --capcity");
	}

}
