package io.capacitypilot.metrics.sim;

import io.capacitypilot.fleet.sim.SimulatedFleet;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With the simulated fleet of the embedded default, its groups' metrics come from the simulation. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "capacitypilot.cloud", havingValue = "sim", matchIfMissing = true)
class SimulatedMetricsConfiguration {

	@Bean
	SimulatedMetricSource simulatedMetricSource(SimulatedFleet fleet) {
		return new SimulatedMetricSource(fleet);
	}

}
