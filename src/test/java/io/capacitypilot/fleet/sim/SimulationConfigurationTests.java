package io.capacitypilot.fleet.sim;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SimulationConfiguration.class)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void theSimulationIsTheDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SimulatedFleet.class);
			SimulationProperties properties = context.getBean(SimulationProperties.class);
			assertThat(properties.bootTime()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.traceStart()).isEqualTo(Instant.parse("1998-06-10T12:00:00Z"));
			assertThat(properties.trace().exists()).isTrue();
		});
	}

	@Test
	void settingsBind() {
		this.runner.withPropertyValues("capacitypilot.sim.boot-time=2m", "capacitypilot.sim.speed-up=120",
				"capacitypilot.sim.trace-start=1998-06-30T00:00:00Z")
			.run((context) -> {
				SimulationProperties properties = context.getBean(SimulationProperties.class);
				assertThat(properties.bootTime()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.speedUp()).isEqualTo(120);
				assertThat(properties.traceStart()).isEqualTo(Instant.parse("1998-06-30T00:00:00Z"));
			});
	}

	@Test
	void aRealCloudTurnsTheSimulationOff() {
		this.runner.withPropertyValues("capacitypilot.cloud=aws")
			.run((context) -> assertThat(context).doesNotHaveBean(SimulatedFleet.class));
	}

	@Test
	void theDefaultReplayNeedsTwoToFourteenInstancesAtSeventyPercentOverItsFirstDay() {
		this.runner.run((context) -> {
			SimulationProperties properties = context.getBean(SimulationProperties.class);
			ReplayedLoad load = new ReplayedLoad(read(properties), Instant.EPOCH, properties.traceStart(),
					properties.speedUp(), properties.loadScale());
			Duration day = Duration.ofSeconds(Math.round(Duration.ofDays(1).toSeconds() / properties.speedUp()));
			int fewest = Integer.MAX_VALUE;
			int most = 0;
			for (Instant at = Instant.EPOCH; at.isBefore(Instant.EPOCH.plus(day)); at = at.plusSeconds(1)) {
				int needed = (int) Math.ceil(load.requestsPerSecond(at) / (0.7 * properties.requestsPerInstance()));
				fewest = Math.min(fewest, needed);
				most = Math.max(most, needed);
			}
			assertThat(fewest).isEqualTo(2);
			assertThat(most).isEqualTo(14);
		});
	}

	private static LoadTrace read(SimulationProperties properties) throws IOException {
		try (InputStream in = properties.trace().getInputStream()) {
			return TraceReader.read(in, "default trace");
		}
	}

}
