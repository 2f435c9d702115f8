package io.capacitypilot.metrics.scrape;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsProperties;
import io.capacitypilot.aws.AwsCallMetrics;
import io.capacitypilot.aws.AwsClients;
import io.capacitypilot.aws.AwsSdkProperties;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.groups.GroupCatalog;
import io.capacitypilot.groups.ManagedGroup;
import io.capacitypilot.metrics.MetricSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;

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
	void onAwsTheInstancesAreDiscovered() {
		this.contexts
			.withPropertyValues("capacitypilot.metrics.scrape.enabled=true", "capacitypilot.cloud=aws",
					"capacitypilot.metrics.scrape.static-instances.web=10.0.1.5")
			.withBean(GroupCatalog.class, NoGroups::new)
			.withBean(AwsClients.class, ScrapeConfigurationTests::awsClients)
			.run((context) -> assertThat(context).getBean(InstanceAddresses.class)
				.isInstanceOf(AwsInstanceAddresses.class));
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
						new InstanceEndpoint(null, URI.create("https://10.0.1.5:9443/nat/actuator/prometheus")),
						new InstanceEndpoint(null, URI.create("https://10.0.2.7:9443/nat/actuator/prometheus")));
			});
	}

	/** Clients that are never called: discovery builds them on first use. */
	private static AwsClients awsClients() {
		AwsClientBuilderConfigurer configurer = new AwsClientBuilderConfigurer(AnonymousCredentialsProvider.create(),
				() -> Region.EU_WEST_1, new AwsProperties());
		return new AwsClients(configurer, new AwsSdkProperties(Duration.ofSeconds(30), Duration.ofSeconds(10), 1),
				new AwsCallMetrics(new SimpleMeterRegistry()));
	}

	private static final class NoGroups implements GroupCatalog {

		@Override
		public List<ManagedGroup> findAllGroups() {
			return List.of();
		}

		@Override
		public Optional<ManagedGroup> findGroup(String name) {
			return Optional.empty();
		}

		@Override
		public List<Policy> findPolicies(String groupName) {
			return List.of();
		}

	}

}
