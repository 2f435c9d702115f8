package io.capacitypilot.control;

import java.time.Clock;
import java.util.List;

import io.capacitypilot.engine.DefaultScalingEngine;
import io.capacitypilot.engine.ScalingEngine;
import io.capacitypilot.metrics.InstanceLoads;
import io.capacitypilot.metrics.MetricSource;
import io.capacitypilot.metrics.MetricSources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ControlConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	ScalingEngine scalingEngine() {
		return new DefaultScalingEngine();
	}

	@Bean
	MetricSources metricSources(List<MetricSource> sources) {
		return new MetricSources(sources);
	}

	/** {@code least-loaded} scale-in reads the scrape source's per-instance values when it is on. */
	@Bean
	VictimChoice victimChoice(ObjectProvider<InstanceLoads> loads) {
		return new VictimChoice(loads.getIfAvailable(() -> InstanceLoads.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	LeaseFloors leaseFloors() {
		return LeaseFloors.NONE;
	}

}
