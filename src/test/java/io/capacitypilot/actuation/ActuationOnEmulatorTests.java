package io.capacitypilot.actuation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import io.capacitypilot.testsupport.FaultProxy;
import io.capacitypilot.testsupport.FaultProxy.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
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
 * Scale-out and scale-in through the running service against the AWS emulator, with the fault proxy
 * in between: its request log shows the order of the calls that reached the emulator, and it fails
 * chosen operations on demand. Each test works on its own ASG and target group. Moto drains nothing
 * (a deregistered target is gone at once), so the waiting itself is covered where time is ours to
 * control; here the order and the outcome are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "capacitypilot.cloud=aws", "capacitypilot.control.tick=200ms",
				"capacitypilot.aws.api-call-attempt-timeout=1s", "capacitypilot.aws.api-call-timeout=3s",
				"spring.datasource.url=jdbc:h2:mem:actuation;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" })
@AwsEmulatorTest
class ActuationOnEmulatorTests {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static FaultProxy proxy;

	private static AutoScalingClient autoScaling;

	private static CloudWatchClient cloudWatch;

	private static ElasticLoadBalancingV2Client loadBalancing;

	private static String vpcId;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void aws(DynamicPropertyRegistry registry) {
		AwsEmulator emulator = AwsEmulator.get();
		proxy = FaultProxy.to(emulator.endpoint());
		emulator.registerProperties(registry);
		registry.add("spring.cloud.aws.endpoint", () -> proxy.endpoint().toString());
	}

	@BeforeAll
	static void createLaunchTemplate() {
		AwsEmulator emulator = AwsEmulator.get();
		autoScaling = emulator.configure(AutoScalingClient.builder()).build();
		cloudWatch = emulator.configure(CloudWatchClient.builder()).build();
		loadBalancing = emulator.configure(ElasticLoadBalancingV2Client.builder()).build();
		try (Ec2Client ec2 = emulator.configure(Ec2Client.builder()).build()) {
			ec2.createLaunchTemplate((request) -> request.launchTemplateName("app")
				.launchTemplateData((data) -> data.imageId("ami-12c6146b").instanceType("t3.micro")));
			vpcId = ec2.describeVpcs().vpcs().getFirst().vpcId();
		}
	}

	@AfterEach
	void heal() {
		proxy.heal();
	}

	@AfterAll
	static void close() {
		autoScaling.close();
		cloudWatch.close();
		loadBalancing.close();
		proxy.close();
	}

	@Test
	void controllerManagedScaleOutRegistersTheNewInstances() {
		String targetGroup = createTargetGroup("grow");
		createAutoScalingGroup("grow", 2);
		putCpu("grow", 90);
		registerGroup("grow", targetGroup, "oldest");

		// ceil(2 × 90 % / 50 %) = 4, and every one of them registered once in service
		await().atMost(PATIENCE).until(() -> group("grow").desiredCapacity() == 4);
		await().atMost(PATIENCE).until(() -> targets(targetGroup).equals(instanceIds("grow")));
		assertThat(targets(targetGroup)).hasSize(4);
		assertThat(decisions("grow")).anySatisfy((decision) -> assertThat(noteCodes(decision)).contains("actuation.registered"));
	}

	@Test
	void scaleInDeregistersItsVictimBeforeItTerminatesItAndNeverChoosesAProtectedInstance() {
		String targetGroup = createTargetGroup("shrink");
		loadBalancing.modifyTargetGroupAttributes((request) -> request.targetGroupArn(targetGroup)
			.attributes((attribute) -> attribute.key("deregistration_delay.timeout_seconds").value("1")));
		createAutoScalingGroup("shrink", 4);
		putCpu("shrink", 50);
		registerGroup("shrink", targetGroup, "oldest");
		await().atMost(PATIENCE).until(() -> targets(targetGroup).size() == 4);
		List<String> protectedIds = instanceIds("shrink").stream().sorted().limit(3).toList();
		autoScaling.setInstanceProtection((request) -> request.autoScalingGroupName("shrink")
			.instanceIds(protectedIds)
			.protectedFromScaleIn(true));

		// ceil(4 × 20 % / 50 %) = 2: two to remove, but only one is not protected
		putCpu("shrink", 20);
		await().atMost(PATIENCE).until(() -> finishedScaleIn("shrink") != null);
		Map<String, Object> decision = finishedScaleIn("shrink");
		assertThat(decision).containsEntry("outcome", "succeeded").containsEntry("desiredCapacity", 3);
		assertThat(noteCodes(decision)).contains("scale-in.victims", "scale-in.too-few-unprotected");
		List<Map<String, Object>> steps = steps(decision);
		assertThat(steps).hasSize(1);
		String victim = (String) steps.getFirst().get("instanceId");
		assertThat(protectedIds).doesNotContain(victim);
		assertThat(states(steps.getFirst())).containsExactly("planned", "deregistering", "draining", "terminating", "done");

		List<String> calls = proxy.forwarded(victim);
		assertThat(calls.indexOf("DeregisterTargets")).isNotNegative()
			.isLessThan(calls.indexOf("TerminateInstanceInAutoScalingGroup"));
		assertThat(calls).filteredOn("TerminateInstanceInAutoScalingGroup"::equals).hasSize(1);
		assertThat(group("shrink").desiredCapacity()).isEqualTo(3);
		assertThat(inService("shrink")).containsExactlyInAnyOrderElementsOf(protectedIds);
		assertThat(targets(targetGroup)).doesNotContain(victim);
	}

	@Test
	void anOutOfBandChangeIsRecorded() {
		String targetGroup = createTargetGroup("elsewhere");
		createAutoScalingGroup("elsewhere", 2);
		putCpu("elsewhere", 50);
		registerGroup("elsewhere", targetGroup, "oldest");
		await().atMost(PATIENCE).until(() -> !decisions("elsewhere").isEmpty());

		autoScaling.setDesiredCapacity((request) -> request.autoScalingGroupName("elsewhere").desiredCapacity(3));
		await().atMost(PATIENCE)
			.until(() -> decisions("elsewhere").stream()
				.anyMatch((decision) -> noteCodes(decision).contains("fleet.external-change")));
	}

	@Test
	void aTerminationThatTimedOutIsNeverRepeated() {
		String targetGroup = createTargetGroup("timeout");
		createAutoScalingGroup("timeout", 3);
		putCpu("timeout", 50);
		registerGroup("timeout", targetGroup, "oldest");
		await().atMost(PATIENCE).until(() -> targets(targetGroup).size() == 3);

		// Every termination reaches the emulator, but its answer never comes back.
		proxy.inject("TerminateInstanceInAutoScalingGroup", Fault.TIMEOUT);
		putCpu("timeout", 10);
		await().atMost(PATIENCE).until(() -> finishedScaleIn("timeout") != null);

		Map<String, Object> decision = finishedScaleIn("timeout");
		assertThat(decision).containsEntry("outcome", "succeeded");
		List<Map<String, Object>> steps = steps(decision);
		// ceil(3 × 10 % / 50 %) = 1: two victims, each terminated by exactly one call that timed out
		assertThat(steps).hasSize(2).allSatisfy((step) -> {
			assertThat(step).containsEntry("state", "done").containsEntry("failedAttempts", 1);
			assertThat((String) step.get("error")).contains("terminating");
		});
		assertThat(steps).allSatisfy((step) -> assertThat(proxy.forwarded((String) step.get("instanceId")))
			.filteredOn("TerminateInstanceInAutoScalingGroup"::equals)
			.hasSize(1));
		assertThat(group("timeout").desiredCapacity()).isEqualTo(1);
		assertThat(inService("timeout")).hasSize(1);
	}

	@Test
	void aThrottledGroupRecordsItsErrorsBacksOffAndRecoversWhileOthersGoOn() {
		createAutoScalingGroup("steady", 2);
		createAutoScalingGroup("throttled", 2);
		putCpu("steady", 50);
		putCpu("throttled", 50);
		registerGroup("steady", createTargetGroup("steady"), "oldest");
		registerGroup("throttled", createTargetGroup("throttled"), "oldest");
		await().atMost(PATIENCE).until(() -> !decisions("throttled").isEmpty());

		proxy.inject("DescribeAutoScalingGroups", "throttled", Fault.THROTTLE);
		int steadyBefore = decisions("steady").size();
		await().atMost(PATIENCE).until(() -> failed(decisions("throttled")).size() >= 3);
		List<Map<String, Object>> failures = failed(decisions("throttled")).reversed();
		assertThat(failures).allSatisfy((decision) -> assertThat((String) decision.get("error")).contains("Rate exceeded"));
		// One interval after the first failure, two after the second: the group backs off.
		assertThat(between(failures.get(1), failures.get(2))).isGreaterThanOrEqualTo(INTERVAL.multipliedBy(2));
		assertThat(decisions("steady").size()).isGreaterThan(steadyBefore + 2);
		assertThat(failed(decisions("steady"))).isEmpty();

		proxy.heal();
		await().atMost(PATIENCE).until(() -> !"failed".equals(decisions("throttled").getFirst().get("outcome")));
	}

	@Test
	void aDroppedDeregistrationIsRetriedAndNothingIsTerminatedBeforeIt() {
		String targetGroup = createTargetGroup("dropped");
		createAutoScalingGroup("dropped", 2);
		putCpu("dropped", 50);
		registerGroup("dropped", targetGroup, "newest");
		await().atMost(PATIENCE).until(() -> targets(targetGroup).size() == 2);

		proxy.inject("DeregisterTargets", Fault.DROP);
		putCpu("dropped", 10);
		await().atMost(PATIENCE)
			.until(() -> proxy.requests().stream().filter((request) -> request.fault() == Fault.DROP).count() >= 2);
		assertThat(instanceIds("dropped"))
			.allSatisfy((member) -> assertThat(proxy.forwarded(member)).doesNotContain("TerminateInstanceInAutoScalingGroup"));
		assertThat(group("dropped").desiredCapacity()).isEqualTo(2);

		proxy.heal();
		await().atMost(PATIENCE).until(() -> finishedScaleIn("dropped") != null);
		Map<String, Object> step = steps(finishedScaleIn("dropped")).getFirst();
		assertThat(step).containsEntry("state", "done");
		assertThat((int) step.get("failedAttempts")).isGreaterThanOrEqualTo(2);
		assertThat(states(step)).containsExactly("planned", "deregistering", "draining", "terminating", "done");
		assertThat(group("dropped").desiredCapacity()).isEqualTo(1);
	}

	private static List<Map<String, Object>> failed(List<Map<String, Object>> decisions) {
		return decisions.stream().filter((decision) -> "failed".equals(decision.get("outcome"))).toList();
	}

	private static Duration between(Map<String, Object> earlier, Map<String, Object> later) {
		return Duration.between(Instant.parse((String) earlier.get("evaluatedAt")),
				Instant.parse((String) later.get("evaluatedAt")));
	}

	private static String createTargetGroup(String name) {
		return loadBalancing
			.createTargetGroup((request) -> request.name(name).protocol(ProtocolEnum.HTTP).port(8080).vpcId(vpcId))
			.targetGroups()
			.getFirst()
			.targetGroupArn();
	}

	private static void createAutoScalingGroup(String name, int desired) {
		autoScaling.createAutoScalingGroup((request) -> request.autoScalingGroupName(name)
			.launchTemplate((template) -> template.launchTemplateName("app"))
			.minSize(1)
			.maxSize(10)
			.desiredCapacity(desired)
			.availabilityZones("us-east-1a"));
	}

	static AutoScalingGroup group(String name) {
		return autoScaling.describeAutoScalingGroups((request) -> request.autoScalingGroupNames(name))
			.autoScalingGroups()
			.getFirst();
	}

	static Set<String> instanceIds(String name) {
		return group(name).instances().stream().map(Instance::instanceId).collect(Collectors.toSet());
	}

	static List<String> inService(String name) {
		return group(name).instances()
			.stream()
			.filter((instance) -> "InService".equals(instance.lifecycleStateAsString()))
			.map(Instance::instanceId)
			.toList();
	}

	static Set<String> targets(String targetGroupArn) {
		return loadBalancing.describeTargetHealth((request) -> request.targetGroupArn(targetGroupArn))
			.targetHealthDescriptions()
			.stream()
			.map((description) -> description.target().id())
			.collect(Collectors.toSet());
	}

	/** A group's CPU now; a policy reads the minimum of ten seconds, so a lower value put later wins. */
	private static void putCpu(String asgName, double value) {
		cloudWatch.putMetricData((request) -> request.namespace("AWS/EC2")
			.metricData((datum) -> datum.metricName("CPUUtilization")
				.dimensions(Dimension.builder().name("AutoScalingGroupName").value(asgName).build())
				.timestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS))
				.unit(StandardUnit.PERCENT)
				.value(value)));
	}

	private void registerGroup(String name, String targetGroupArn, String victimSelection) {
		api().post()
			.uri("/api/v1/groups")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "autoScalingGroupName", name, "region", "us-east-1", "evaluationInterval",
					INTERVAL.toString(), "mode", "paused", "behavior",
					Map.of("scaleOut", Map.of("cooldown", "PT5M"), "scaleIn", Map.of("stabilizationWindow", "PT0S")),
					"actuation", Map.of("registration", "controller-managed", "targetGroups",
							List.of(Map.of("arn", targetGroupArn, "port", 8080)), "scaleIn",
							Map.of("victimSelection", victimSelection))))
			.retrieve()
			.toBodilessEntity();
		api().post()
			.uri("/api/v1/groups/{name}/policies", name)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "cpu", "type", "target-tracking", "targetValue", 50, "instanceWarmup", "PT0S", "metric",
					Map.of("source", "cloudwatch", "namespace", "AWS/EC2", "metricName", "CPUUtilization", "dimensions",
							Map.of("AutoScalingGroupName", name), "statistic", "Minimum", "period", "PT10S")))
			.retrieve()
			.toBodilessEntity();
		api().put()
			.uri("/api/v1/groups/{name}/mode", name)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("mode", "active"))
			.retrieve()
			.toBodilessEntity();
	}

	private Map<String, Object> finishedScaleIn(String name) {
		return decisions(name).stream()
			.filter((decision) -> "terminate-instances".equals(decision.get("action")))
			.filter((decision) -> !"in-progress".equals(decision.get("outcome")))
			.findFirst()
			.orElse(null);
	}

	@SuppressWarnings("unchecked")
	List<Map<String, Object>> decisions(String name) {
		Map<String, Object> page = api().get()
			.uri("/api/v1/groups/{name}/decisions?size=200", name)
			.retrieve()
			.body(Map.class);
		return (List<Map<String, Object>>) page.get("items");
	}

	@SuppressWarnings("unchecked")
	static List<Object> noteCodes(Map<String, Object> decision) {
		return ((List<Map<String, Object>>) ((Map<String, Object>) decision.get("detail")).get("notes")).stream()
			.map((note) -> note.get("code"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> steps(Map<String, Object> decision) {
		return (List<Map<String, Object>>) decision.get("steps");
	}

	@SuppressWarnings("unchecked")
	static List<Object> states(Map<String, Object> step) {
		return ((List<Map<String, Object>>) step.get("history")).stream().map((t) -> t.get("state")).toList();
	}

	private RestClient api() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
