package io.capacitypilot.aws;

import java.time.Duration;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.aws.AutoScalingFleet;
import io.capacitypilot.fleet.aws.AutoScalingGroupNotFoundException;
import io.capacitypilot.fleet.aws.AwsFleetConfiguration;
import io.capacitypilot.metrics.cloudwatch.CloudWatchConfiguration;
import io.capacitypilot.metrics.cloudwatch.CloudWatchMetricSource;
import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@AwsEmulatorTest
class AwsConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
				RegionProviderAutoConfiguration.class))
		.withUserConfiguration(AwsConfiguration.class, AwsFleetConfiguration.class, CloudWatchConfiguration.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void theEmbeddedDefaultTouchesNoAws() {
		this.contexts.run((context) -> assertThat(context).doesNotHaveBean(AwsClients.class)
			.doesNotHaveBean(AutoScalingFleet.class)
			.doesNotHaveBean(CloudWatchMetricSource.class));
	}

	@Test
	void cloudAwsBuildsClientsThroughSpringCloudAwsAndTimesTheirCalls() {
		this.contexts.withPropertyValues("capacitypilot.cloud=aws", "capacitypilot.aws.api-call-timeout=7s")
			.withPropertyValues(emulatorProperties())
			.run((context) -> {
				assertThat(context).hasSingleBean(CloudWatchMetricSource.class).hasBean("cloudWatchHealthIndicator");
				assertThat(context.getBean(AwsSdkProperties.class))
					.isEqualTo(new AwsSdkProperties(Duration.ofSeconds(7), Duration.ofSeconds(5), 1));
				// Only the emulator knows no such group: the endpoint property reached the client.
				assertThatExceptionOfType(AutoScalingGroupNotFoundException.class)
					.isThrownBy(() -> context.getBean(AutoScalingFleet.class).describe(new FleetTarget(null, "absent")));
				assertThat(context.getBean(MeterRegistry.class)
					.get("capacitypilot.aws.calls")
					.tags("service", "AutoScaling", "operation", "DescribeAutoScalingGroups", "outcome", "SUCCESS")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	private static String[] emulatorProperties() {
		return AwsEmulator.get()
			.springProperties()
			.entrySet()
			.stream()
			.map((property) -> property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

}
