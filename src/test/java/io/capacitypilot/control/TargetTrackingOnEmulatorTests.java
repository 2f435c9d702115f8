package io.capacitypilot.control;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop against the AWS emulator, driven as a user would: groups and policies through the
 * REST API, load through CloudWatch's PutMetricData, and the effect read back from the Auto Scaling
 * Group. Each test works on its own ASG so the tests share one running service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "capacitypilot.cloud=aws", "capacitypilot.control.tick=200ms",
				"spring.datasource.url=jdbc:h2:mem:e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" })
@AwsEmulatorTest
class TargetTrackingOnEmulatorTests {

	/** Evaluation interval of the groups under test; the loop must act within two of them. */
	private static final Duration INTERVAL = Duration.ofSeconds(2);

	private static final Duration TWO_INTERVALS = INTERVAL.multipliedBy(2).plusSeconds(1);

	private static AutoScalingClient autoScaling;

	private static CloudWatchClient cloudWatch;

	private static String targetGroupArn;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void aws(DynamicPropertyRegistry registry) {
		AwsEmulator.get().registerProperties(registry);
	}

	@BeforeAll
	static void createLaunchTemplateAndTargetGroup() {
		AwsEmulator emulator = AwsEmulator.get();
		autoScaling = emulator.configure(AutoScalingClient.builder()).build();
		cloudWatch = emulator.configure(CloudWatchClient.builder()).build();
		try (Ec2Client ec2 = emulator.configure(Ec2Client.builder()).build();
				ElasticLoadBalancingV2Client elb = emulator.configure(ElasticLoadBalancingV2Client.builder()).build()) {
			ec2.createLaunchTemplate((request) -> request.launchTemplateName("web")
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
			String vpcId = ec2.describeVpcs().vpcs().getFirst().vpcId();
			targetGroupArn = elb
				.createTargetGroup((request) -> request.name("web").protocol(ProtocolEnum.HTTP).port(8080).vpcId(vpcId))
				.targetGroups()
				.getFirst()
				.targetGroupArn();
		}
	}

	@AfterAll
	static void closeClients() {
		autoScaling.close();
		cloudWatch.close();
	}

	@Test
	void scalesOutOnHighLoadThenInOnLowLoad() {
		createAutoScalingGroup("busy", 2);
		Instant previousMinute = previousMinute();
		putCpu("busy", 90, previousMinute);
		registerGroup("busy", "active");

		// ceil(2 instances × 90 % / 50 %) = 4
		await().atMost(TWO_INTERVALS).until(() -> desiredCapacity("busy"), (desired) -> desired == 4);
		// The decision is stored once the call that changed the ASG has answered: a moment later.
		await().atMost(TWO_INTERVALS).untilAsserted(() -> assertThat(decisions("busy"))
			.anySatisfy((decision) -> assertThat(decision).containsEntry("action", "set-desired-capacity")
				.containsEntry("desiredCapacity", 4)));

		// Load falls to 20 % on 4 instances: ceil(4 × 20 / 50) = 2 (scale-in stabilization is off for this group)
		putCpu("busy", 20, previousMinute.plus(1, ChronoUnit.MINUTES));
		await().atMost(TWO_INTERVALS).until(() -> desiredCapacity("busy"), (desired) -> desired == 2);
	}

	@Test
	void neverScalesInWithoutFreshData() {
		createAutoScalingGroup("quiet", 4);
		// A low value, but ten minutes old: older than three one-minute periods.
		putCpu("quiet", 5, Instant.now().minus(10, ChronoUnit.MINUTES));
		registerGroup("quiet", "active");

		await().atMost(TWO_INTERVALS.multipliedBy(2)).until(() -> decisions("quiet").size() >= 2);
		assertThat(desiredCapacity("quiet")).isEqualTo(4);
		assertThat(decisions("quiet")).allSatisfy((decision) -> {
			assertThat(decision).containsEntry("desiredCapacity", 4).containsEntry("direction", "none");
			Map<String, Object> recommendation = recommendations(decision).getFirst();
			assertThat(recommendation).containsEntry("dataUnknown", true);
			assertThat(reasonCodes(recommendation)).containsExactly("target-tracking.data-unknown");
		});
	}

	@Test
	void dryRunRecordsTheDecisionAndLeavesTheGroupAlone() {
		createAutoScalingGroup("rehearsal", 2);
		putCpu("rehearsal", 90, previousMinute());
		registerGroup("rehearsal", "dry-run");

		await().atMost(TWO_INTERVALS).until(() -> !decisions("rehearsal").isEmpty());
		assertThat(latestDecision("rehearsal")).containsEntry("action", "dry-run").containsEntry("desiredCapacity", 4);
		assertThat(desiredCapacity("rehearsal")).isEqualTo(2);
	}

	@Test
	void pausedGroupsAreNotEvaluated() {
		createAutoScalingGroup("resting", 2);
		createAutoScalingGroup("witness", 2);
		putCpu("resting", 90, previousMinute());
		putCpu("witness", 50, previousMinute());
		registerGroup("resting", "paused");
		registerGroup("witness", "dry-run");

		// The witness proves the loop ran two rounds meanwhile.
		await().atMost(TWO_INTERVALS.multipliedBy(2)).until(() -> decisions("witness").size() >= 2);
		assertThat(decisions("resting")).isEmpty();
		assertThat(desiredCapacity("resting")).isEqualTo(2);
	}

	/**
	 * A datapoint stamped with the minute now under way can miss an evaluation made in its first
	 * moments (CI saw one at exactly the minute read as no data); the whole minute before is always
	 * read, and still fresh.
	 */
	private static Instant previousMinute() {
		return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
	}

	private static void createAutoScalingGroup(String name, int desired) {
		autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName(name)
			.launchTemplate((template) -> template.launchTemplateName("web"))
			.minSize(1)
			.maxSize(10)
			.desiredCapacity(desired)
			.availabilityZones("us-east-1a")
			.targetGroupARNs(targetGroupArn));
	}

	private static int desiredCapacity(String name) {
		return autoScaling.describeAutoScalingGroups((request) -> request.autoScalingGroupNames(name))
			.autoScalingGroups()
			.getFirst()
			.desiredCapacity();
	}

	private static void putCpu(String asgName, double value, Instant timestamp) {
		cloudWatch.putMetricData((request) -> request.namespace("AWS/EC2")
			.metricData((datum) -> datum.metricName("CPUUtilization")
				.dimensions(Dimension.builder().name("AutoScalingGroupName").value(asgName).build())
				.timestamp(timestamp)
				.unit(StandardUnit.PERCENT)
				.value(value)));
	}

	private void registerGroup(String name, String mode) {
		api().post()
			.uri("/api/v1/groups")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "autoScalingGroupName", name, "region", "us-east-1", "evaluationInterval",
					INTERVAL.toString(), "mode", "paused", "behavior",
					Map.of("scaleOut", Map.of("cooldown", "PT5M"), "scaleIn", Map.of("stabilizationWindow", "PT0S"))))
			.retrieve()
			.toBodilessEntity();
		api().post()
			.uri("/api/v1/groups/{name}/policies", name)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "cpu", "type", "target-tracking", "targetValue", 50, "instanceWarmup", "PT0S", "metric",
					Map.of("source", "cloudwatch", "namespace", "AWS/EC2", "metricName", "CPUUtilization", "dimensions",
							Map.of("AutoScalingGroupName", name), "statistic", "Average", "period", "PT1M")))
			.retrieve()
			.toBodilessEntity();
		// Paused until its policy is in place, so every decision the tests read is the policy's.
		api().put()
			.uri("/api/v1/groups/{name}/mode", name)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("mode", mode))
			.retrieve()
			.toBodilessEntity();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> decisions(String name) {
		Map<String, Object> page = api().get()
			.uri("/api/v1/groups/{name}/decisions?size=100", name)
			.retrieve()
			.body(Map.class);
		return (List<Map<String, Object>>) page.get("items");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> recommendations(Map<String, Object> decision) {
		return (List<Map<String, Object>>) ((Map<String, Object>) decision.get("detail")).get("recommendations");
	}

	@SuppressWarnings("unchecked")
	private static List<Object> reasonCodes(Map<String, Object> recommendation) {
		return ((List<Map<String, Object>>) recommendation.get("reasons")).stream()
			.map((reason) -> reason.get("code"))
			.toList();
	}

	private Map<String, Object> latestDecision(String name) {
		return decisions(name).getFirst();
	}

	private RestClient api() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
