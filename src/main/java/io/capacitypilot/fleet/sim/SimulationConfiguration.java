package io.capacitypilot.fleet.sim;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: with no cloud configured, groups run on a simulated fleet fed by a replayed
 * trace (their metrics come from the same simulation, see {@code metrics.sim}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "capacitypilot.cloud", havingValue = "sim", matchIfMissing = true)
@EnableConfigurationProperties(SimulationProperties.class)
class SimulationConfiguration {

	@Bean
	SimulatedFleet simulatedFleet(Clock clock, SimulationProperties properties) throws IOException {
		try (InputStream in = properties.trace().getInputStream()) {
			return new SimulatedFleet(clock, TraceReader.read(in, properties.trace().getDescription()), properties);
		}
	}

}
