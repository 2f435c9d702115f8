package io.capacitypilot.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.ec2.Ec2Client;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The API against real AWS APIs (the emulator): a group's live fleet, a missing one, a forecast from CloudWatch. */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:aws-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"capacitypilot.control.enabled=false", "capacitypilot.cloud=aws" })
@AutoConfigureMockMvc
@AwsEmulatorTest
class AwsGroupApiTests {

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void aws(DynamicPropertyRegistry registry) {
		AwsEmulator.get().registerProperties(registry);
	}

	@Test
	void aGroupShowsItsAutoScalingGroup() throws Exception {
		try (Ec2Client ec2 = AwsEmulator.get().configure(Ec2Client.builder()).build();
				AutoScalingClient autoScaling = AwsEmulator.get().configure(AutoScalingClient.builder()).build()) {
			ec2.createLaunchTemplate((request) -> request.launchTemplateName("shop")
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
			autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName("shop-asg")
				.launchTemplate((template) -> template.launchTemplateName("shop"))
				.minSize(1)
				.maxSize(4)
				.desiredCapacity(2)
				.availabilityZones("us-east-1a"));
		}
		create("shop", "shop-asg");
		this.mvc.perform(get("/api/v1/groups/shop"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.fleet.minSize").value(1))
			.andExpect(jsonPath("$.fleet.maxSize").value(4))
			.andExpect(jsonPath("$.fleet.desiredCapacity").value(2))
			.andExpect(jsonPath("$.fleet.inService").value(2))
			.andExpect(jsonPath("$.fleet.instances[0].availabilityZone").value("us-east-1a"))
			.andExpect(jsonPath("$.fleet.instances[0].lifecycle").value("in-service"))
			.andExpect(jsonPath("$.fleetError").doesNotExist());
	}

	@Test
	void aFleetThatCannotBeReadIsReportedNotFailed() throws Exception {
		create("ghost", "no-such-asg");
		this.mvc.perform(get("/api/v1/groups/ghost"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("ghost"))
			.andExpect(jsonPath("$.fleet").doesNotExist())
			.andExpect(jsonPath("$.fleetError").value(containsString("no-such-asg")));
	}

	@Test
	void aPredictivePolicyForecastsFromCloudWatchHistory() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
		try (CloudWatchClient cloudWatch = AwsEmulator.get().configure(CloudWatchClient.builder()).build()) {
			// Two days of hourly load that peaks every afternoon.
			List<MetricDatum> history = IntStream.rangeClosed(1, 48)
				.mapToObj((hoursAgo) -> MetricDatum.builder()
					.metricName("RequestCount")
					.dimensions((dimension) -> dimension.name("AutoScalingGroupName").value("forecast-asg"))
					.timestamp(now.minus(Duration.ofHours(hoursAgo)))
					.value((now.minus(Duration.ofHours(hoursAgo)).atZone(ZoneOffset.UTC).getHour() >= 12) ? 4000.0 : 1000.0)
					.build())
				.toList();
			cloudWatch.putMetricData((request) -> request.namespace("Shop").metricData(history));
		}
		create("forecast", "forecast-asg");
		this.mvc.perform(post("/api/v1/groups/forecast/policies").contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "requests", "type": "predictive", "targetValue": 1000, "history": "PT48H",
				 "metric": {"source": "cloudwatch", "namespace": "Shop", "metricName": "RequestCount",
				            "dimensions": {"AutoScalingGroupName": "forecast-asg"}, "statistic": "Average", "period": "PT1H"}}"""))
			.andExpect(status().isCreated());
		this.mvc.perform(get("/api/v1/groups/forecast/policies/requests/forecast"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.datapoints").value(greaterThanOrEqualTo(24)))
			.andExpect(jsonPath("$.points", hasSize(49)))
			.andExpect(jsonPath("$.points[*].capacity", hasItems(1, 4)))
			.andExpect(jsonPath("$.error").doesNotExist());
	}

	private void create(String name, String autoScalingGroupName) throws Exception {
		this.mvc.perform(post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"%s\",\"autoScalingGroupName\":\"%s\",\"region\":\"us-east-1\"}".formatted(name,
					autoScalingGroupName)))
			.andExpect(status().isCreated());
	}

}
