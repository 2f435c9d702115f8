package io.capacitypilot.fleet.sim;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded default: with no cloud configured, groups run on a simulated fleet. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "capacitypilot.cloud", havingValue = "sim", matchIfMissing = true)
class SimulationConfiguration {

	@Bean
	SimulatedFleet simulatedFleet(Clock clock) {
		return new SimulatedFleet(clock, 1, 20, 2);
	}

}
