package io.capacitypilot.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.fleet.Fleet;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.aws.AutoScalingFleet;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSources;
import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole application with {@code capacitypilot.cloud=aws}, pointed at the emulator. */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:aws;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"capacitypilot.control.enabled=false", "capacitypilot.cloud=aws" })
@AwsEmulatorTest
class AwsCloudApplicationTests {

	@Autowired
	Fleet fleet;

	@Autowired
	MetricSources metricSources;

	@DynamicPropertySource
	static void aws(DynamicPropertyRegistry registry) {
		AwsEmulator.get().registerProperties(registry);
	}

	@Test
	void theFleetIsTheAutoScalingGroupOnTheConfiguredEndpoint() {
		try (Ec2Client ec2 = AwsEmulator.get().configure(Ec2Client.builder()).build();
				AutoScalingClient autoScaling = AwsEmulator.get().configure(AutoScalingClient.builder()).build()) {
			ec2.createLaunchTemplate((request) -> request.launchTemplateName("checkout")
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
			autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName("checkout")
				.launchTemplate((template) -> template.launchTemplateName("checkout"))
				.minSize(1)
				.maxSize(4)
				.desiredCapacity(2)
				.availabilityZones("us-east-1a"));
		}

		assertThat(this.fleet).isInstanceOf(AutoScalingFleet.class);
		assertThat(this.fleet.describe(new FleetTarget(null, "checkout")).desiredCapacity()).isEqualTo(2);
	}

	@Test
	void cloudWatchQueriesAreAnsweredFromCloudWatch() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		try (CloudWatchClient cloudWatch = AwsEmulator.get().configure(CloudWatchClient.builder()).build()) {
			cloudWatch.putMetricData((request) -> request.namespace("AWS/EC2")
				.metricData((datum) -> datum.metricName("CPUUtilization")
					.dimensions((dimension) -> dimension.name("AutoScalingGroupName").value("checkout"))
					.timestamp(now.minusSeconds(60))
					.value(73.0)));
		}
		CloudWatchQuery cpu = new CloudWatchQuery("AWS/EC2", "CPUUtilization", Map.of("AutoScalingGroupName", "checkout"),
				"Average", Duration.ofMinutes(1));

		MetricWindow window = this.metricSources.fetch(List.of(new MetricRequest(cpu, Duration.ofMinutes(5))), now).get(cpu);

		assertThat(window.datapoints()).containsExactly(new Datapoint(now.minusSeconds(60), 73.0));
	}

}
