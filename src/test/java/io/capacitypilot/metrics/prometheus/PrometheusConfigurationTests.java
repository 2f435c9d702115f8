package io.capacitypilot.metrics.prometheus;

import io.capacitypilot.metrics.MetricSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(PrometheusConfiguration.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void noSourceWithoutABaseUrl() {
		this.contexts.run((context) -> assertThat(context).doesNotHaveBean(MetricSource.class)
			.doesNotHaveBean(HealthIndicator.class));
	}

	@Test
	void aSourceAndItsHealthIndicatorWithABaseUrl() {
		this.contexts
			.withPropertyValues("capacitypilot.metrics.prometheus.base-url=http://prometheus:9090",
					"capacitypilot.metrics.prometheus.auth.bearer-token=t")
			.run((context) -> {
				assertThat(context).hasSingleBean(PrometheusMetricSource.class);
				assertThat(context).hasBean("prometheusHealthIndicator");
				assertThat(context.getBean(PrometheusProperties.class).timeout()).hasSeconds(10);
			});
	}

}
