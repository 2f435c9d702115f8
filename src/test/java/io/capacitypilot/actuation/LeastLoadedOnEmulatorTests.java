package io.capacitypilot.actuation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import org.junit.jupiter.api.AfterAll;
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
 * {@code least-loaded} scale-in through the running service: the groups live on the AWS emulator,
 * and the scrape source discovers their instances there and reads each one's Micrometer endpoint
 * (served on loopback by {@link ScrapedInstances}, keyed by instance id).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "capacitypilot.cloud=aws", "capacitypilot.control.tick=200ms",
				"capacitypilot.metrics.scrape.enabled=true",
				"capacitypilot.metrics.scrape.address-template=" + ScrapedInstances.ADDRESS_TEMPLATE,
				"spring.datasource.url=jdbc:h2:mem:least-loaded;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" })
@AwsEmulatorTest
class LeastLoadedOnEmulatorTests {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static ScrapedInstances instances;

	private static EmulatedGroups fleet;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void aws(DynamicPropertyRegistry registry) throws IOException {
		AwsEmulator.get().registerProperties(registry);
		instances = ScrapedInstances.start();
		registry.add("capacitypilot.metrics.scrape.port", instances::port);
	}

	@BeforeAll
	static void createFleet() {
		fleet = new EmulatedGroups(AwsEmulator.get());
	}

	@AfterAll
	static void close() {
		fleet.close();
		instances.close();
	}

	@Test
	void scaleInRemovesTheInstanceWithTheLeastScrapedLoad() {
		String targetGroup = fleet.createTargetGroup("lightest");
		fleet.createAutoScalingGroup("lightest", 3);
		List<String> ids = fleet.instanceIds("lightest").stream().sorted().toList();
		// Launched together, the instances are ordered by id for oldest and newest: the idle one is
		// neither the first nor the last.
		String idle = ids.get(1);
		instances.busy(ids.get(0), 30);
		instances.busy(idle, 5);
		instances.busy(ids.get(2), 25);

		// ceil(3 × 20 / 40) = 2: one to remove
		api().registerGroup("lightest", INTERVAL, targetGroup, "least-loaded", busyPolicy("lightest", 40));
		await().atMost(PATIENCE).until(() -> api().finishedScaleIn("lightest") != null);

		Map<String, Object> decision = api().finishedScaleIn("lightest");
		assertThat(decision).containsEntry("outcome", "succeeded").containsEntry("desiredCapacity", 2);
		assertThat(noteCodes(decision)).contains("scale-in.victims").doesNotContain("scale-in.least-loaded-unavailable");
		assertThat(steps(decision)).singleElement().satisfies((step) -> {
			assertThat(step).containsEntry("instanceId", idle);
			assertThat(plannedNote(step)).isEqualTo("chosen by least-loaded among 1 wanted");
			assertThat(states(step)).containsExactly("planned", "deregistering", "draining", "terminating", "done");
		});
		assertThat(fleet.inService("lightest")).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
	}

	@Test
	void withoutAScrapePolicyLeastLoadedSaysItChoseTheOldest() {
		String targetGroup = fleet.createTargetGroup("unmeasured");
		fleet.createAutoScalingGroup("unmeasured", 2);
		fleet.putCpu("unmeasured", 10);

		// ceil(2 × 10 % / 50 %) = 1, by CPU from CloudWatch: nothing says which instance is busy
		api().registerGroup("unmeasured", INTERVAL, targetGroup, "least-loaded");
		await().atMost(PATIENCE).until(() -> api().finishedScaleIn("unmeasured") != null);

		Map<String, Object> decision = api().finishedScaleIn("unmeasured");
		assertThat(noteCodes(decision)).contains("scale-in.least-loaded-unavailable", "scale-in.victims");
		assertThat(steps(decision)).singleElement().satisfies((step) -> {
			assertThat(step).containsEntry("state", "done");
			assertThat(plannedNote(step)).isEqualTo("chosen by oldest among 1 wanted");
		});
	}

	private static Map<String, Object> busyPolicy(String group, int target) {
		return Map.of("name", "busy", "type", "target-tracking", "targetValue", target, "instanceWarmup", "PT0S",
				"metric", Map.of("source", "scrape", "metricName", "worker_busy", "aggregation", "avg", "period",
						"PT15S", "group", group));
	}

	@SuppressWarnings("unchecked")
	private static Object plannedNote(Map<String, Object> step) {
		return ((List<Map<String, Object>>) step.get("history")).getFirst().get("note");
	}

	private GroupsApi api() {
		return GroupsApi.on(this.port);
	}

}
