package io.capacitypilot.metrics.scrape;

import java.net.URI;

import io.capacitypilot.metrics.MetricSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ScrapeConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(ScrapeConfiguration.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void offUnlessEnabled() {
		this.contexts.run((context) -> assertThat(context).doesNotHaveBean(MetricSource.class));
	}

	@Test
	void staticInstancesGoThroughTheAddressTemplate() {
		this.contexts
			.withPropertyValues("capacitypilot.metrics.scrape.enabled=true",
					"capacitypilot.metrics.scrape.address-template=https://{privateIp}:{port}/nat{path}",
					"capacitypilot.metrics.scrape.port=9443",
					"capacitypilot.metrics.scrape.static-instances.web=10.0.1.5,10.0.2.7")
			.run((context) -> {
				assertThat(context).hasSingleBean(ScrapeMetricSource.class).hasBean("scrapeHealthIndicator");
				assertThat(context.getBean(InstanceAddresses.class).of("web")).containsExactly(
						URI.create("https://10.0.1.5:9443/nat/actuator/prometheus"),
						URI.create("https://10.0.2.7:9443/nat/actuator/prometheus"));
			});
	}

}
