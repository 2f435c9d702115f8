package io.capacitypilot.actuation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import io.capacitypilot.testsupport.FaultProxy;
import io.capacitypilot.testsupport.FaultProxy.Fault;
import io.capacitypilot.testsupport.TestApplication;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.capacitypilot.actuation.GroupsApi.states;
import static io.capacitypilot.actuation.GroupsApi.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service stopped in the middle of a drain and started again on the same database finishes the
 * scale-in it had begun: no victim forgotten, none terminated twice, no new victim chosen meanwhile.
 */
@AwsEmulatorTest
class ScaleInRestartTests {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Test
	void aScaleInInterruptedWhileDrainingResumesAfterARestart(@TempDir Path data) {
		try (FaultProxy proxy = FaultProxy.to(AwsEmulator.get().endpoint());
				EmulatedGroups fleet = new EmulatedGroups(AwsEmulator.get())) {
			String targetGroup = fleet.createTargetGroup("resume");
			fleet.createAutoScalingGroup("resume", 3);
			fleet.putCpu("resume", 50);
			String victim;
			try (ConfigurableApplicationContext first = start(data, proxy)) {
				GroupsApi api = GroupsApi.on(port(first));
				api.registerGroup("resume", INTERVAL, targetGroup, "newest");
				await().atMost(PATIENCE).until(() -> fleet.targets(targetGroup).size() == 3);

				// Target health cannot be read: the victims are deregistered, and then wait in draining.
				proxy.inject("DescribeTargetHealth", Fault.SERVER_ERROR);
				fleet.putCpu("resume", 30);
				await().atMost(PATIENCE).until(() -> drainingWithFailures(api));
				victim = (String) steps(api.latestScaleIn("resume")).getFirst().get("instanceId");
				assertThat(api.fleet("resume")).extractingByKey("leaving")
					.asInstanceOf(InstanceOfAssertFactories.list(Map.class))
					.singleElement()
					.satisfies((leaving) -> assertThat(leaving).containsEntry("instanceId", victim)
						.containsEntry("state", "draining"));
			}
			assertThat(proxy.forwarded(victim)).doesNotContain("TerminateInstanceInAutoScalingGroup");
			assertThat(fleet.group("resume").desiredCapacity()).isEqualTo(3);

			proxy.heal();
			try (ConfigurableApplicationContext second = start(data, proxy)) {
				GroupsApi api = GroupsApi.on(port(second));
				await().atMost(PATIENCE).until(() -> api.finishedScaleIn("resume") != null);
				Map<String, Object> decision = api.finishedScaleIn("resume");
				assertThat(decision).containsEntry("outcome", "succeeded");
				// ceil(3 × 30 % / 50 %) = 2, and 2 stays (ceil(2 × 30 / 50) = 2): one victim, taken to its end
				assertThat(steps(decision)).singleElement().satisfies((step) -> {
					assertThat(step).containsEntry("instanceId", victim);
					assertThat(states(step)).containsExactly("planned", "deregistering", "draining", "terminating", "done");
				});
				assertThat(api.decisions("resume")).filteredOn((d) -> "terminate-instances".equals(d.get("action")))
					.hasSize(1);
			}
			assertThat(proxy.forwarded(victim)).filteredOn("TerminateInstanceInAutoScalingGroup"::equals).hasSize(1);
			assertThat(fleet.group("resume").desiredCapacity()).isEqualTo(2);
			assertThat(fleet.inService("resume")).hasSize(2).doesNotContain(victim);
		}
	}

	private static boolean drainingWithFailures(GroupsApi api) {
		Map<String, Object> decision = api.latestScaleIn("resume");
		// A decision is stored a moment before its steps.
		return decision != null && steps(decision) != null && steps(decision).stream()
			.allMatch((step) -> "draining".equals(step.get("state")) && (int) step.get("failedAttempts") >= 1);
	}

	private static ConfigurableApplicationContext start(Path data, FaultProxy proxy) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--capacitypilot.cloud=aws",
				"--capacitypilot.control.tick=200ms", "--capacitypilot.actuation.max-attempts=1000",
				"--spring.datasource.url=jdbc:h2:file:" + data.resolve("capacity-pilot")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
		Map<String, String> aws = new HashMap<>(AwsEmulator.get().springProperties());
		aws.put("spring.cloud.aws.endpoint", proxy.endpoint().toString());
		aws.forEach((name, value) -> args.add("--" + name + "=" + value));
		return TestApplication.builder().run(args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
