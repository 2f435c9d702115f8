package io.capacitypilot.actuation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.capacitypilot.control.leadership.Leadership;
import io.capacitypilot.testsupport.AwsEmulator;
import io.capacitypilot.testsupport.AwsEmulatorTest;
import io.capacitypilot.testsupport.EmbeddedPostgresServer;
import io.capacitypilot.testsupport.FaultProxy;
import io.capacitypilot.testsupport.FaultProxy.Fault;
import io.capacitypilot.testsupport.TestApplication;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.capacitypilot.actuation.GroupsApi.states;
import static io.capacitypilot.actuation.GroupsApi.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service stopped in the middle of a drain and started again on the same database, or a standby
 * replica that takes over from a stopped leader, finishes the scale-in that was begun: no victim
 * forgotten, none terminated twice, no new victim chosen meanwhile.
 */
@AwsEmulatorTest
class ScaleInRestartTests {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static EmulatedGroups fleet;

	@BeforeAll
	static void launchTemplate() {
		fleet = new EmulatedGroups(AwsEmulator.get());
	}

	@AfterAll
	static void closeClients() {
		fleet.close();
	}

	@Test
	void aScaleInInterruptedWhileDrainingResumesAfterARestart(@TempDir Path data) {
		List<String> database = List.of("--spring.datasource.url=jdbc:h2:file:" + data.resolve("capacity-pilot")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		resumesAfter("restart", (proxy) -> start(database, proxy), (first, proxy) -> {
			first.close();
			return start(database, proxy);
		});
	}

	@Test
	void aScaleInInterruptedWhileDrainingIsFinishedByTheNextLeader() {
		List<String> database = List.of("--spring.datasource.url=" + EmbeddedPostgresServer.freshDatabase("scale_in"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--capacitypilot.leadership.ttl=2s", "--capacitypilot.leadership.heartbeat=200ms");
		resumesAfter("failover", (proxy) -> start(database, proxy), (first, proxy) -> {
			// The standby runs beside the leader, and takes over when the leader stops.
			ConfigurableApplicationContext next = start(database, proxy);
			assertThat(next.getBean(Leadership.class).isLeader()).isFalse();
			first.close();
			return next;
		});
	}

	/**
	 * Starts a scale-in of the group on the first service and lets it stop while the victim drains,
	 * then checks that the next service (started by {@code takeOver}) takes the victim to its end, once.
	 */
	private static void resumesAfter(String group, Function<FaultProxy, ConfigurableApplicationContext> first,
			BiFunction<ConfigurableApplicationContext, FaultProxy, ConfigurableApplicationContext> takeOver) {
		try (FaultProxy proxy = FaultProxy.to(AwsEmulator.get().endpoint())) {
			String targetGroup = fleet.createTargetGroup(group);
			fleet.createAutoScalingGroup(group, 3);
			fleet.putCpu(group, 50);
			String victim;
			ConfigurableApplicationContext next;
			try (ConfigurableApplicationContext service = first.apply(proxy)) {
				GroupsApi api = GroupsApi.on(port(service));
				api.registerGroup(group, INTERVAL, targetGroup, "newest");
				await().atMost(PATIENCE).until(() -> fleet.targets(targetGroup).size() == 3);

				// Target health cannot be read: the victims are deregistered, and then wait in draining.
				proxy.inject("DescribeTargetHealth", Fault.SERVER_ERROR);
				fleet.putCpu(group, 30);
				await().atMost(PATIENCE).until(() -> drainingWithFailures(api, group));
				victim = (String) steps(api.latestScaleIn(group)).getFirst().get("instanceId");
				assertThat(api.fleet(group)).extractingByKey("leaving")
					.asInstanceOf(InstanceOfAssertFactories.list(Map.class))
					.singleElement()
					.satisfies((leaving) -> assertThat(leaving).containsEntry("instanceId", victim)
						.containsEntry("state", "draining"));
				next = takeOver.apply(service, proxy);
			}
			assertThat(proxy.forwarded(victim)).doesNotContain("TerminateInstanceInAutoScalingGroup");
			assertThat(fleet.group(group).desiredCapacity()).isEqualTo(3);

			proxy.heal();
			try (ConfigurableApplicationContext service = next) {
				GroupsApi api = GroupsApi.on(port(service));
				await().atMost(PATIENCE).until(() -> api.finishedScaleIn(group) != null);
				Map<String, Object> decision = api.finishedScaleIn(group);
				assertThat(decision).containsEntry("outcome", "succeeded");
				// ceil(3 × 30 % / 50 %) = 2, and 2 stays (ceil(2 × 30 / 50) = 2): one victim, taken to its end
				assertThat(steps(decision)).singleElement().satisfies((step) -> {
					assertThat(step).containsEntry("instanceId", victim);
					assertThat(states(step)).containsExactly("planned", "deregistering", "draining", "terminating", "done");
				});
				assertThat(api.decisions(group)).filteredOn((d) -> "terminate-instances".equals(d.get("action")))
					.hasSize(1);
			}
			assertThat(proxy.forwarded(victim)).filteredOn("TerminateInstanceInAutoScalingGroup"::equals).hasSize(1);
			assertThat(fleet.group(group).desiredCapacity()).isEqualTo(2);
			assertThat(fleet.inService(group)).hasSize(2).doesNotContain(victim);
		}
	}

	private static boolean drainingWithFailures(GroupsApi api, String group) {
		Map<String, Object> decision = api.latestScaleIn(group);
		// A decision is stored a moment before its steps.
		return decision != null && steps(decision) != null && steps(decision).stream()
			.allMatch((step) -> "draining".equals(step.get("state")) && (int) step.get("failedAttempts") >= 1);
	}

	private static ConfigurableApplicationContext start(List<String> database, FaultProxy proxy) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--capacitypilot.cloud=aws",
				"--capacitypilot.control.tick=200ms", "--capacitypilot.actuation.max-attempts=1000"));
		args.addAll(database);
		Map<String, String> aws = new HashMap<>(AwsEmulator.get().springProperties());
		aws.put("spring.cloud.aws.endpoint", proxy.endpoint().toString());
		aws.forEach((name, value) -> args.add("--" + name + "=" + value));
		return TestApplication.builder().run(args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
