package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.DefaultScalingEngine;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.TargetTrackingPolicy;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.fleet.sim.SimulatedFleet;
import io.capacitypilot.fleet.sim.SimulationProperties;
import io.capacitypilot.groups.GroupCatalog;
import io.capacitypilot.groups.ManagedGroup;
import io.capacitypilot.metrics.MetricSources;
import io.capacitypilot.metrics.sim.SimulatedMetricSource;
import io.capacitypilot.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Backtests on the history of a simulated group, read through the same metric port as in production. */
class BacktestsTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	/** A steady 150 requests/s on two instances of 100 requests/s each: 75 % CPU. */
	private final SimulatedFleet fleet = new SimulatedFleet(this.clock,
			LoadTrace.of(Instant.parse("1998-06-10T00:00:00Z"), Duration.ofMinutes(1), 150),
			new SimulationProperties(Duration.ofSeconds(30), 100, null, Instant.parse("1998-06-10T00:00:00Z"), 60, 1,
					2, 1, 10));

	private final CloudWatchQuery cpu = new CloudWatchQuery("AWS/EC2", "CPUUtilization",
			Map.of("AutoScalingGroupName", "web-asg"), "Average", Duration.ofMinutes(1));

	private final Backtests backtests = new Backtests(new OneGroup(List.of(
			new TargetTrackingPolicy("cpu-50", this.cpu, 50, Duration.ofMinutes(1), false, null, null, null))),
			new MetricSources(List.of(new SimulatedMetricSource(this.fleet))), new DefaultScalingEngine(),
			this.clock);

	@Test
	void scoresWhatActuallyServedAgainstTheLoadItCarried() {
		this.clock.advance(Duration.ofHours(1));

		Comparison comparison = this.backtests
			.run("web", new BacktestRequest(START, START.plus(Duration.ofHours(1)), null, null, 1.0, null))
			.orElseThrow();

		assertThat(comparison.results()).extracting(ReplayResult::policy)
			.containsExactly("actual", "web policies", "oracle", "AWS target tracking", "Kubernetes HPA");
		ElasticityMetrics actual = comparison.results().getFirst().metrics();
		// 1.5 instances of load need 2: the two instances that served it fit exactly.
		assertThat(actual.instanceHours()).isCloseTo(2, within(1e-9));
		assertThat(actual.underProvisioning()).isZero();
		assertThat(actual.overProvisioning()).isZero();
		assertThat(actual.scalingActions()).isZero();
		assertThat(comparison.results().getFirst().series()).hasSize(60);
	}

	@Test
	void replaysTheGroupsOwnPoliciesThroughTheEngine() {
		this.clock.advance(Duration.ofHours(1));

		Comparison comparison = this.backtests.run("web", BacktestRequest.DEFAULTS).orElseThrow();

		// 75 % against a target of 50 on 2 instances: the group's policy wanted 3.
		ReplayResult policies = comparison.results().get(1);
		assertThat(policies.metrics().scalingActions()).isPositive();
		assertThat(policies.series()).extracting(ReplayResult.Point::desired).contains(3);
		assertThat(comparison.results().get(2).metrics().underProvisioning()).isZero();
		assertThat(comparison.scenario()).contains("policies target 50 % CPU");
	}

	@Test
	void seesAScalingActionInTheHistory() {
		// Launched at 29:30, the two new instances serve from 30:00 on, a minute boundary.
		this.clock.advance(Duration.ofSeconds(29 * 60 + 30));
		this.fleet.setDesiredCapacity(new FleetTarget("sim", "web-asg"), 4);
		this.clock.advance(Duration.ofSeconds(30 * 60 + 30));

		ElasticityMetrics actual = this.backtests
			.run("web", new BacktestRequest(START, START.plus(Duration.ofHours(1)), null, null, 1.0, null))
			.orElseThrow()
			.results()
			.getFirst()
			.metrics();

		assertThat(actual.scalingActions()).isEqualTo(1);
		assertThat(actual.overProvisioning()).as("4 serving what 2 could for half the hour")
			.isCloseTo(50, within(1e-9));
	}

	@Test
	void anUnknownGroupHasNoBacktest() {
		assertThat(this.backtests.run("nope", BacktestRequest.DEFAULTS)).isEmpty();
	}

	@Test
	void theWindowMustBeInThePast() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.backtests.run("web", new BacktestRequest(START, START.plusSeconds(60), null, null,
					null, null)));
	}

	/** The catalogue of one group, "web" on the ASG "web-asg". */
	record OneGroup(List<Policy> policies) implements GroupCatalog {

		private static final ManagedGroup WEB = new ManagedGroup("web", "web-asg", "sim", 1, 10,
				Duration.ofMinutes(1), Mode.DRY_RUN, Behavior.NONE, false, null, null, START, START);

		@Override
		public List<ManagedGroup> findAllGroups() {
			return List.of(WEB);
		}

		@Override
		public Optional<ManagedGroup> findGroup(String name) {
			return WEB.name().equals(name) ? Optional.of(WEB) : Optional.empty();
		}

		@Override
		public List<Policy> findPolicies(String groupName) {
			return this.policies;
		}

	}

}
