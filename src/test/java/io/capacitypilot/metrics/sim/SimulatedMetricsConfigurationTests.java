package io.capacitypilot.metrics.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.fleet.sim.SimulatedFleet;
import io.capacitypilot.fleet.sim.SimulationProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedMetricsConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SimulatedMetricsConfiguration.class)
		.withBean(SimulatedFleet.class, () -> new SimulatedFleet(Clock.systemUTC(),
				LoadTrace.of(Instant.EPOCH, Duration.ofMinutes(1), 100), new SimulationProperties(Duration.ofSeconds(30),
						100, null, Instant.EPOCH, 60, 1, 2, 1, 10)));

	@Test
	void theSimulationAnswersMetricsByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SimulatedMetricSource.class));
	}

	@Test
	void aRealCloudAnswersThemItself() {
		this.runner.withPropertyValues("capacitypilot.cloud=aws")
			.run((context) -> assertThat(context).doesNotHaveBean(SimulatedMetricSource.class));
	}

}
