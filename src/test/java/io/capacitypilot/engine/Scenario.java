package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A group in a given situation, built up fluently, and the engine's evaluation of it. */
final class Scenario {

	static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	static final CloudWatchQuery CPU = new CloudWatchQuery("AWS/EC2", "CPUUtilization",
			Map.of("AutoScalingGroupName", "web"), "Average", Duration.ofMinutes(1));

	static final CloudWatchQuery REQUESTS = new CloudWatchQuery("AWS/ApplicationELB", "RequestCount",
			Map.of("TargetGroup", "web"), "Sum", Duration.ofMinutes(1));

	private final List<Instance> instances = new ArrayList<>();

	private final Map<MetricQuery, MetricWindow> windows = new HashMap<>();

	private final List<Policy> policies = new ArrayList<>();

	private final List<History.PastRecommendation> recommendations = new ArrayList<>();

	private final List<History.PastAction> actions = new ArrayList<>();

	private final List<LeaseFloor> leases = new ArrayList<>();

	private int desired;

	private int asgMin = 0;

	private int asgMax = 100;

	private boolean busy;

	private Integer groupMin;

	private Integer groupMax;

	private Behavior behavior = Behavior.NONE;

	private Mode mode = Mode.ACTIVE;

	private Instant now = NOW;

	/**
	 * A group of {@code serving} healthy instances launched a week before {@link #NOW}, long past any
	 * warm-up even when a test moves its clock back a day, with that desired capacity.
	 */
	static Scenario serving(int serving) {
		Scenario scenario = new Scenario();
		scenario.desired = serving;
		for (int i = 0; i < serving; i++) {
			scenario.instance(LifecycleState.IN_SERVICE, NOW.minus(Duration.ofDays(7)));
		}
		return scenario;
	}

	/** Adds an instance to the fleet and to its desired capacity. */
	Scenario launched(Duration ago) {
		this.desired++;
		return instance(LifecycleState.IN_SERVICE, this.now.minus(ago));
	}

	Scenario pending() {
		this.desired++;
		return instance(LifecycleState.PENDING, this.now);
	}

	private Scenario instance(LifecycleState lifecycle, Instant launched) {
		this.instances.add(new Instance("i-" + this.instances.size(), "eu-west-1a", lifecycle, true, false, launched));
		return this;
	}

	Scenario asg(int min, int max) {
		this.asgMin = min;
		this.asgMax = max;
		return this;
	}

	Scenario bounds(Integer min, Integer max) {
		this.groupMin = min;
		this.groupMax = max;
		return this;
	}

	Scenario behavior(Behavior behavior) {
		this.behavior = behavior;
		return this;
	}

	Scenario mode(Mode mode) {
		this.mode = mode;
		return this;
	}

	Scenario busy() {
		this.busy = true;
		return this;
	}

	Scenario at(Instant now) {
		this.now = now;
		return this;
	}

	/** The metric's newest datapoint, one period old. */
	Scenario metric(MetricQuery query, double value) {
		return metric(query, value, query.period());
	}

	Scenario metric(MetricQuery query, double value, Duration age) {
		return window(MetricWindow.of(query, List.of(new Datapoint(this.now.minus(age), value)), this.now));
	}

	/** The metric's datapoints, one per period, the last one period old. */
	Scenario series(MetricQuery query, double... values) {
		List<Datapoint> datapoints = new ArrayList<>();
		for (int i = 0; i < values.length; i++) {
			datapoints.add(new Datapoint(this.now.minus(query.period().multipliedBy(values.length - i)), values[i]));
		}
		return window(MetricWindow.of(query, datapoints, this.now));
	}

	Scenario failed(MetricQuery query) {
		return window(MetricWindow.failed(query, this.now, "throttled"));
	}

	Scenario window(MetricWindow window) {
		this.windows.put(window.query(), window);
		return this;
	}

	Scenario policy(Policy policy) {
		this.policies.add(policy);
		return this;
	}

	Scenario recommended(Duration ago, int desired) {
		this.recommendations.add(new History.PastRecommendation(this.now.minus(ago), desired));
		return this;
	}

	Scenario changed(Duration ago, int from, int to) {
		this.actions.add(new History.PastAction(this.now.minus(ago), from, to));
		return this;
	}

	Scenario lease(String id, int capacity, Duration remaining) {
		this.leases.add(new LeaseFloor(id, capacity, this.now.plus(remaining)));
		return this;
	}

	EvaluationInput input() {
		return new EvaluationInput(new GroupSettings("web", this.groupMin, this.groupMax, this.behavior, this.mode),
				new FleetState(this.asgMin, this.asgMax, this.desired, this.instances, this.busy), this.windows,
				this.policies, new History(this.recommendations, this.actions), this.leases, this.now);
	}

	Evaluation evaluate() {
		return new DefaultScalingEngine().evaluate(input());
	}

	static TargetTrackingPolicy cpuAt(double target) {
		return targetTracking("cpu", CPU, target);
	}

	static TargetTrackingPolicy targetTracking(String name, MetricQuery metric, double target) {
		return new TargetTrackingPolicy(name, metric, target, null, false, null, null, null);
	}

}
