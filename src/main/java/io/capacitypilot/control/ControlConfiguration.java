package io.capacitypilot.control;

import java.time.Clock;
import java.util.List;

import io.capacitypilot.engine.DefaultScalingEngine;
import io.capacitypilot.engine.ScalingEngine;
import io.capacitypilot.metrics.MetricSource;
import io.capacitypilot.metrics.MetricSources;

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

	@Bean
	@ConditionalOnMissingBean
	LeaseFloors leaseFloors() {
		return LeaseFloors.NONE;
	}

}
