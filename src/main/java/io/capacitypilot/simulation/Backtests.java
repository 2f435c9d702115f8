package io.capacitypilot.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.GroupSettings;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.ScalingEngine;
import io.capacitypilot.engine.TargetTrackingPolicy;
import io.capacitypilot.fleet.sim.LoadTrace;
import io.capacitypilot.groups.GroupCatalog;
import io.capacitypilot.groups.ManagedGroup;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSources;

import org.springframework.stereotype.Service;

/**
 * Replays a managed group's own policies, through the production engine, over a past window of its
 * real metric history, and compares them and the references with what actually happened to its
 * capacity. The load the group carried is rebuilt as the references size from it: CPU utilization ×
 * the instances in service that produced it, minute by minute. History cannot show load the group
 * failed to serve (CPU saturates at 100 %), so actual under-provisioning shows only as saturated
 * minutes.
 */
@Service
public class Backtests {

	private static final Duration PERIOD = Duration.ofMinutes(1);

	/** The rebuilt load is in requests/s at this many per instance; every score is a ratio. */
	private static final double CAPACITY_PER_INSTANCE = 100;

	private static final double DEFAULT_TARGET = 70;

	private final GroupCatalog groups;

	private final MetricSources metrics;

	private final ScalingEngine engine;

	private final Clock clock;

	public Backtests(GroupCatalog groups, MetricSources metrics, ScalingEngine engine, Clock clock) {
		this.groups = groups;
		this.metrics = metrics;
		this.engine = engine;
		this.clock = clock;
	}

	/**
	 * Backtests a group, or nothing if there is no such group.
	 * @throws IllegalArgumentException if the window is not in the past
	 * @throws IllegalStateException if the group's metric history cannot be read
	 */
	public Optional<Comparison> run(String groupName, BacktestRequest request) {
		return this.groups.findGroup(groupName).map((group) -> run(group, request));
	}

	private Comparison run(ManagedGroup group, BacktestRequest request) {
		Instant now = this.clock.instant();
		Instant to = (request.to() != null) ? request.to() : now.truncatedTo(ChronoUnit.MINUTES);
		Instant from = (request.from() != null) ? request.from() : to.minus(Duration.ofDays(1));
		if (!from.isBefore(to) || to.isAfter(now)) {
			throw new IllegalArgumentException("the window must be in the past and not empty: " + from + " to " + to);
		}
		History history = history(group, from, to, now);
		List<Policy> policies = this.groups.findPolicies(group.name());
		ScenarioSpec spec = new ScenarioSpec(null, null, null, null, CAPACITY_PER_INSTANCE, request.bootTime(),
				request.bootTimeMax(), null, group.minCapacity(), group.maxCapacity(), request.pricePerInstanceHour(),
				cpuTarget(policies), null, null, null, null, null);
		Scenario scenario = spec.toScenario("the history of " + group.name(), history.load());
		Duration resolution = (request.seriesResolution() != null) ? request.seriesResolution()
				: scenario.defaultSeriesResolution();
		Replay replay = scenario.replay();
		List<ReplayResult> results = new ArrayList<>();
		results.add(history.actual(replay.demand(), scenario.fleet().pricePerInstanceHour(), resolution));
		GroupSettings active = new GroupSettings(group.name(), group.minCapacity(), group.maxCapacity(),
				group.behavior(), Mode.ACTIVE);
		results.add(replay.run(new EngineAutoscaler(group.name() + " policies", this.engine, active, policies,
				group.evaluationInterval()), resolution));
		results.addAll(scenario.compare(
				List.of(Contender.ORACLE, Contender.AWS_TARGET_TRACKING, Contender.KUBERNETES_HPA), resolution));
		return new Comparison(scenario.describe(), results);
	}

	private History history(ManagedGroup managed, Instant from, Instant to, Instant now) {
		Map<String, String> group = Map.of("AutoScalingGroupName", managed.autoScalingGroupName());
		CloudWatchQuery cpu = new CloudWatchQuery("AWS/EC2", "CPUUtilization", group, "Average", PERIOD)
			.inRegion(managed.region());
		CloudWatchQuery inService = new CloudWatchQuery("AWS/AutoScaling", "GroupInServiceInstances", group,
				"Average", PERIOD)
			.inRegion(managed.region());
		Duration lookback = Duration.between(from, now);
		Map<MetricQuery, MetricWindow> windows = this.metrics
			.fetch(List.of(new MetricRequest(cpu, lookback), new MetricRequest(inService, lookback)), now);
		int minutes = (int) Duration.between(from, to).toMinutes();
		double[] utilization = minuteSeries(windows.get(cpu), from, minutes);
		double[] instances = minuteSeries(windows.get(inService), from, minutes);
		double[] load = new double[minutes];
		for (int i = 0; i < minutes; i++) {
			load[i] = utilization[i] / 100 * instances[i] * CAPACITY_PER_INSTANCE;
		}
		if (Arrays.stream(load).allMatch(Double::isNaN)) {
			throw new IllegalStateException("no minute of " + from + " to " + to + " has both CPUUtilization and "
					+ "GroupInServiceInstances (is group metrics collection enabled?)");
		}
		return new History(from, LoadTrace.of(from, PERIOD, load), utilization, instances);
	}

	/** A window's datapoints by minute from {@code from}, {@code NaN} where there is none. */
	private static double[] minuteSeries(MetricWindow window, Instant from, int minutes) {
		if (window.failed()) {
			throw new IllegalStateException("cannot read " + ((CloudWatchQuery) window.query()).metricName() + ": "
					+ window.error());
		}
		double[] series = new double[minutes];
		Arrays.fill(series, Double.NaN);
		for (Datapoint datapoint : window.datapoints()) {
			long minute = Duration.between(from, datapoint.timestamp()).toMinutes();
			if (minute >= 0 && minute < minutes) {
				series[(int) minute] = datapoint.value();
			}
		}
		return series;
	}

	/** The references track the group's own CPU target when it has one. */
	private static double cpuTarget(List<Policy> policies) {
		return policies.stream()
			.filter(TargetTrackingPolicy.class::isInstance)
			.map(TargetTrackingPolicy.class::cast)
			.filter((policy) -> policy.metric() instanceof CloudWatchQuery query
					&& "CPUUtilization".equals(query.metricName()))
			.mapToDouble(TargetTrackingPolicy::targetValue)
			.findFirst()
			.orElse(DEFAULT_TARGET);
	}

	/** What monitoring recorded, minute by minute. */
	private record History(Instant from, LoadTrace load, double[] utilization, double[] instances) {

		/** Scores what actually served against the demand of the same minutes. */
		ReplayResult actual(Demand demand, double pricePerInstanceHour, Duration resolution) {
			ElasticityMetrics.Accumulator score = new ElasticityMetrics.Accumulator(pricePerInstanceHour);
			List<ReplayResult.Point> series = new ArrayList<>();
			long every = Math.max(1, resolution.toMinutes());
			int previous = -1;
			for (int i = 0; i < this.instances.length; i++) {
				Instant at = this.from.plus(PERIOD.multipliedBy(i));
				int serving = Double.isNaN(this.instances[i]) ? Math.max(previous, 0)
						: (int) Math.round(this.instances[i]);
				int needed = demand.instances(demand.stepAt(at));
				score.step(PERIOD, needed, serving, serving, this.utilization[i] >= 100);
				if (previous >= 0 && serving != previous) {
					score.scalingAction();
				}
				if (i % every == 0) {
					series.add(ReplayResult.Point.of(at, this.load.rate(i), needed, serving, serving, serving));
				}
				previous = serving;
			}
			return new ReplayResult("actual", score.result(), series);
		}

	}

}
