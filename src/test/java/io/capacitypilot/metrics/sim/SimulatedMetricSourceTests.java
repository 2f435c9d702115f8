package io.capacitypilot.metrics.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.PrometheusQuery;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.fleet.sim.MutableClock;
import io.capacitypilot.fleet.sim.SimulatedFleet;
import io.capacitypilot.fleet.sim.SimulationProperties;
import io.capacitypilot.metrics.MetricRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedMetricSourceTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final CloudWatchQuery CPU = new CloudWatchQuery("AWS/EC2", "CPUUtilization",
			Map.of("AutoScalingGroupName", "web"), "Average", MINUTE);

	private final MutableClock clock = new MutableClock(START);

	/** A steady 150 requests/s on two instances of 100 requests/s each, booting in 30 s. */
	private final SimulatedFleet fleet = new SimulatedFleet(this.clock,
			LoadTrace.of(Instant.parse("1998-06-10T00:00:00Z"), MINUTE, 150),
			new SimulationProperties(Duration.ofSeconds(30), 100, null, Instant.parse("1998-06-10T00:00:00Z"), 60, 1,
					2, 1, 10));

	private final SimulatedMetricSource source = new SimulatedMetricSource(this.fleet);

	@Test
	void answersCompletePeriodsStampedWithTheirStart() {
		this.clock.advance(Duration.ofSeconds(190));

		MetricWindow window = fetch(CPU, Duration.ofSeconds(190));

		assertThat(window.failed()).isFalse();
		assertThat(window.datapoints()).containsExactly(new Datapoint(START, 75), new Datapoint(START.plusSeconds(60), 75),
				new Datapoint(START.plusSeconds(120), 75));
	}

	@Test
	void cpuFallsOnlyOnceNewInstancesHaveBooted() {
		this.clock.advance(Duration.ofSeconds(180));
		this.fleet.setDesiredCapacity(new FleetTarget("sim", "web"), 3);
		this.clock.advance(Duration.ofSeconds(120));

		List<Datapoint> datapoints = fetch(CPU, Duration.ofMinutes(2)).datapoints();

		// [180 s, 240 s): 30 s on two instances (75 %), then 30 s on three (50 %).
		assertThat(datapoints).containsExactly(new Datapoint(START.plusSeconds(180), 62.5),
				new Datapoint(START.plusSeconds(240), 50));
	}

	@Test
	void requestCountIsTheSumOverThePeriod() {
		this.clock.advance(Duration.ofSeconds(60));
		CloudWatchQuery requests = new CloudWatchQuery("AWS/EC2", "RequestCount",
				Map.of("AutoScalingGroupName", "web"), "Sum", MINUTE);

		assertThat(fetch(requests, MINUTE).datapoints()).containsExactly(new Datapoint(START, 9000));
	}

	@Test
	void inServiceInstancesAreAveragedOverThePeriod() {
		this.clock.advance(Duration.ofSeconds(180));
		this.fleet.setDesiredCapacity(new FleetTarget("sim", "web"), 3);
		this.clock.advance(Duration.ofSeconds(60));
		CloudWatchQuery inService = new CloudWatchQuery("AWS/AutoScaling", "GroupInServiceInstances",
				Map.of("AutoScalingGroupName", "web"), "Average", MINUTE);

		assertThat(fetch(inService, MINUTE).datapoints()).containsExactly(new Datapoint(START.plusSeconds(180), 2.5));
	}

	@Test
	void groupsHaveAHistoryFromTheFirstTickOn() {
		assertThat(fetch(CPU, Duration.ofMinutes(3)).datapoints()).containsExactly(
				new Datapoint(START.minusSeconds(180), 75), new Datapoint(START.minusSeconds(120), 75),
				new Datapoint(START.minusSeconds(60), 75));
	}

	@Test
	void supportsOnlyTheMetricsOfSimulatedGroups() {
		assertThat(this.source.supports(CPU)).isTrue();
		assertThat(this.source.supports(new CloudWatchQuery("AWS/ApplicationELB", "CPUUtilization",
				Map.of("AutoScalingGroupName", "web"), "Average", MINUTE))).isFalse();
		assertThat(this.source.supports(new CloudWatchQuery("AWS/EC2", "CPUUtilization",
				Map.of("InstanceId", "i-1"), "Average", MINUTE))).isFalse();
		assertThat(this.source.supports(new CloudWatchQuery("AWS/AutoScaling", "CPUUtilization",
				Map.of("AutoScalingGroupName", "web"), "Average", MINUTE))).isFalse();
		assertThat(this.source.supports(new CloudWatchQuery("AWS/EC2", "NetworkIn",
				Map.of("AutoScalingGroupName", "web"), "Average", MINUTE))).isFalse();
		assertThat(this.source.supports(new CloudWatchQuery(null, null, null, null, MINUTE, "m1 * 2"))).isFalse();
		assertThat(this.source.supports(new PrometheusQuery("up", MINUTE))).isFalse();
	}

	private MetricWindow fetch(CloudWatchQuery query, Duration lookback) {
		return this.source.fetch(List.of(new MetricRequest(query, lookback)), this.clock.instant()).get(query);
	}

}
