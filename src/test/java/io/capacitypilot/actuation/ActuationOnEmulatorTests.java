package io.capacitypilot.actuation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import io.capacitypilot.testsupport.FaultProxy;
import io.capacitypilot.testsupport.FaultProxy.Fault;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.capacitypilot.actuation.GroupsApi.noteCodes;
import static io.capacitypilot.actuation.GroupsApi.states;
import static io.capacitypilot.actuation.GroupsApi.steps;
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

	private static EmulatedGroups fleet;

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
	static void createFleet() {
		fleet = new EmulatedGroups(AwsEmulator.get());
	}

	@AfterEach
	void heal() {
		proxy.heal();
	}

	@AfterAll
	static void close() {
		fleet.close();
		proxy.close();
	}

	@Test
	void controllerManagedScaleOutRegistersTheNewInstances() {
		String targetGroup = fleet.createTargetGroup("grow");
		fleet.createAutoScalingGroup("grow", 2);
		fleet.putCpu("grow", 90);
		api().registerGroup("grow", INTERVAL, targetGroup, "oldest");

		// ceil(2 × 90 % / 50 %) = 4, and every one of them registered once in service
		await().atMost(PATIENCE).until(() -> fleet.group("grow").desiredCapacity() == 4);
		await().atMost(PATIENCE).until(() -> fleet.targets(targetGroup).equals(fleet.instanceIds("grow")));
		assertThat(fleet.targets(targetGroup)).hasSize(4);
		assertThat(api().fleet("grow")).extractingByKey("targetGroups")
			.asInstanceOf(InstanceOfAssertFactories.map(String.class, Map.class))
			.extractingByKey(targetGroup)
			.satisfies((targets) -> assertThat(targets.keySet()).isEqualTo(fleet.instanceIds("grow")));
		assertThat(api().decisions("grow"))
			.anySatisfy((decision) -> assertThat(noteCodes(decision)).contains("actuation.registered"));
	}

	@Test
	void scaleInDeregistersItsVictimBeforeItTerminatesItAndNeverChoosesAProtectedInstance() {
		String targetGroup = fleet.createTargetGroup("shrink");
		fleet.deregistrationDelay(targetGroup, 1);
		fleet.createAutoScalingGroup("shrink", 4);
		fleet.putCpu("shrink", 50);
		api().registerGroup("shrink", INTERVAL, targetGroup, "oldest");
		await().atMost(PATIENCE).until(() -> fleet.targets(targetGroup).size() == 4);
		List<String> protectedIds = fleet.instanceIds("shrink").stream().sorted().limit(3).toList();
		fleet.autoScaling.setInstanceProtection((request) -> request.autoScalingGroupName("shrink")
			.instanceIds(protectedIds)
			.protectedFromScaleIn(true));

		// ceil(4 × 20 % / 50 %) = 2: two to remove, but only one is not protected
		fleet.putCpu("shrink", 20);
		await().atMost(PATIENCE).until(() -> api().finishedScaleIn("shrink") != null);
		Map<String, Object> decision = api().finishedScaleIn("shrink");
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
		assertThat(fleet.group("shrink").desiredCapacity()).isEqualTo(3);
		assertThat(fleet.inService("shrink")).containsExactlyInAnyOrderElementsOf(protectedIds);
		assertThat(fleet.targets(targetGroup)).doesNotContain(victim);
	}

	@Test
	void anOutOfBandChangeIsRecorded() {
		String targetGroup = fleet.createTargetGroup("elsewhere");
		fleet.createAutoScalingGroup("elsewhere", 2);
		fleet.putCpu("elsewhere", 50);
		api().registerGroup("elsewhere", INTERVAL, targetGroup, "oldest");
		await().atMost(PATIENCE).until(() -> !api().decisions("elsewhere").isEmpty());

		fleet.autoScaling.setDesiredCapacity((request) -> request.autoScalingGroupName("elsewhere").desiredCapacity(3));
		await().atMost(PATIENCE)
			.until(() -> api().decisions("elsewhere").stream()
				.anyMatch((decision) -> noteCodes(decision).contains("fleet.external-change")));
	}

	@Test
	void scalingPoliciesOfTheAsgItselfAreWarnedAbout() {
		fleet.createAutoScalingGroup("rival", 2);
		fleet.autoScaling.putScalingPolicy((request) -> request.autoScalingGroupName("rival")
			.policyName("cpu-target")
			.policyType("TargetTrackingScaling")
			.targetTrackingConfiguration((configuration) -> configuration.targetValue(60.0)
				.predefinedMetricSpecification((metric) -> metric.predefinedMetricType("ASGAverageCPUUtilization"))));
		fleet.createAutoScalingGroup("loyal", 2);
		fleet.putCpu("rival", 50);
		fleet.putCpu("loyal", 50);
		api().registerGroup("rival", INTERVAL, fleet.createTargetGroup("rival"), "oldest");
		api().registerGroup("loyal", INTERVAL, fleet.createTargetGroup("loyal"), "oldest");

		await().atMost(PATIENCE).until(() -> !api().decisions("rival").isEmpty() && !api().decisions("loyal").isEmpty());
		assertThat(noteCodes(api().decisions("rival").getFirst())).contains("fleet.native-policies");
		assertThat(noteCodes(api().decisions("loyal").getFirst())).doesNotContain("fleet.native-policies");
	}

	@Test
	void aTerminationThatTimedOutIsNeverRepeated() {
		String targetGroup = fleet.createTargetGroup("timeout");
		fleet.createAutoScalingGroup("timeout", 3);
		fleet.putCpu("timeout", 50);
		api().registerGroup("timeout", INTERVAL, targetGroup, "oldest");
		await().atMost(PATIENCE).until(() -> fleet.targets(targetGroup).size() == 3);

		// Every termination reaches the emulator, but its answer never comes back.
		proxy.inject("TerminateInstanceInAutoScalingGroup", Fault.TIMEOUT);
		fleet.putCpu("timeout", 10);
		await().atMost(PATIENCE).until(() -> api().finishedScaleIn("timeout") != null);

		Map<String, Object> decision = api().finishedScaleIn("timeout");
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
		assertThat(fleet.group("timeout").desiredCapacity()).isEqualTo(1);
		assertThat(fleet.inService("timeout")).hasSize(1);
	}

	@Test
	void aThrottledGroupRecordsItsErrorsBacksOffAndRecoversWhileOthersGoOn() {
		fleet.createAutoScalingGroup("steady", 2);
		fleet.createAutoScalingGroup("throttled", 2);
		fleet.putCpu("steady", 50);
		fleet.putCpu("throttled", 50);
		api().registerGroup("steady", INTERVAL, fleet.createTargetGroup("steady"), "oldest");
		api().registerGroup("throttled", INTERVAL, fleet.createTargetGroup("throttled"), "oldest");
		await().atMost(PATIENCE).until(() -> !api().decisions("throttled").isEmpty());

		proxy.inject("DescribeAutoScalingGroups", "throttled", Fault.THROTTLE);
		int steadyBefore = api().decisions("steady").size();
		await().atMost(PATIENCE).until(() -> failed(api().decisions("throttled")).size() >= 3);
		List<Map<String, Object>> failures = failed(api().decisions("throttled")).reversed();
		assertThat(failures).allSatisfy((decision) -> assertThat((String) decision.get("error")).contains("Rate exceeded"));
		// One interval after the first failure, two after the second: the group backs off.
		assertThat(between(failures.get(1), failures.get(2))).isGreaterThanOrEqualTo(INTERVAL.multipliedBy(2));
		assertThat(api().decisions("steady").size()).isGreaterThan(steadyBefore + 2);
		assertThat(failed(api().decisions("steady"))).isEmpty();

		proxy.heal();
		await().atMost(PATIENCE).until(() -> !"failed".equals(api().decisions("throttled").getFirst().get("outcome")));
	}

	@Test
	void aDroppedDeregistrationIsRetriedAndNothingIsTerminatedBeforeIt() {
		String targetGroup = fleet.createTargetGroup("dropped");
		fleet.createAutoScalingGroup("dropped", 2);
		fleet.putCpu("dropped", 50);
		api().registerGroup("dropped", INTERVAL, targetGroup, "newest");
		await().atMost(PATIENCE).until(() -> fleet.targets(targetGroup).size() == 2);

		proxy.inject("DeregisterTargets", Fault.DROP);
		fleet.putCpu("dropped", 10);
		await().atMost(PATIENCE)
			.until(() -> proxy.requests().stream().filter((request) -> request.fault() == Fault.DROP).count() >= 2);
		assertThat(fleet.instanceIds("dropped"))
			.allSatisfy((member) -> assertThat(proxy.forwarded(member)).doesNotContain("TerminateInstanceInAutoScalingGroup"));
		assertThat(fleet.group("dropped").desiredCapacity()).isEqualTo(2);

		proxy.heal();
		await().atMost(PATIENCE).until(() -> api().finishedScaleIn("dropped") != null);
		Map<String, Object> step = steps(api().finishedScaleIn("dropped")).getFirst();
		assertThat(step).containsEntry("state", "done");
		assertThat((int) step.get("failedAttempts")).isGreaterThanOrEqualTo(2);
		assertThat(states(step)).containsExactly("planned", "deregistering", "draining", "terminating", "done");
		assertThat(fleet.group("dropped").desiredCapacity()).isEqualTo(1);
	}

	private static List<Map<String, Object>> failed(List<Map<String, Object>> decisions) {
		return decisions.stream().filter((decision) -> "failed".equals(decision.get("outcome"))).toList();
	}

	private static Duration between(Map<String, Object> earlier, Map<String, Object> later) {
		return Duration.between(Instant.parse((String) earlier.get("evaluatedAt")),
				Instant.parse((String) later.get("evaluatedAt")));
	}

	private GroupsApi api() {
		return GroupsApi.on(this.port);
	}

}
