package io.capacitypilot.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.capacitypilot.engine.Behavior;
import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.DefaultScalingEngine;
import io.capacitypilot.engine.Evaluation;
import io.capacitypilot.engine.EvaluationInput;
import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Forecaster;
import io.capacitypilot.engine.GroupSettings;
import io.capacitypilot.engine.History;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.PredictivePolicy;
import io.capacitypilot.engine.ScalingEngine;
import io.capacitypilot.engine.ScalingRules;
import io.capacitypilot.engine.ScheduledPolicy;
import io.capacitypilot.engine.StepScalingPolicy;
import io.capacitypilot.engine.TargetTrackingPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One control cycle of the engine: every group of a large installation evaluated once, on one
 * thread, with its fleet, metric windows and history already in memory (fetching them is the
 * metric sources' and the fleet's cost, measured apart). Each group has three policies: target
 * tracking on CPU, step scaling on request count, and either a business-hours schedule or a
 * predictive policy learning from 14 days of hourly history. The predictive policies' forecasts are
 * handed on from each cycle to the next, as the control loop does, or learned afresh, as in the
 * first cycle after a restart.
 * <p>
 * Sampled, not averaged: on a machine shared with other builds the mean mostly measures the wait
 * for a core, while the low percentiles show what a cycle costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = { "-Xms1g", "-Xmx1g" })
public class EngineCycleBenchmark {

	private static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@Param("10000")
	int groups;

	/** The third policy of every group ({@code -p third=none} for none: what the first two cost). */
	@Param({ "scheduled", "predictive" })
	String third;

	/** Whether each group's forecasts are handed on to its next cycle or learned afresh every cycle. */
	@Param({ "true", "false" })
	boolean handOn;

	private final ScalingEngine engine = new DefaultScalingEngine();

	private List<EvaluationInput> inputs;

	private List<Map<String, Forecaster.Model>> forecasts;

	@Setup
	public void prepare() {
		SplittableRandom random = new SplittableRandom(42);
		this.inputs = new ArrayList<>(this.groups);
		for (int i = 0; i < this.groups; i++) {
			this.inputs.add(group(i, random));
		}
		this.forecasts = new ArrayList<>(Collections.nCopies(this.groups, Map.of()));
		evaluateAll();
	}

	@Benchmark
	public void cycle(Blackhole blackhole) {
		for (Evaluation evaluation : evaluateAll()) {
			blackhole.consume(evaluation);
		}
	}

	private List<Evaluation> evaluateAll() {
		List<Evaluation> evaluations = new ArrayList<>(this.groups);
		for (int i = 0; i < this.groups; i++) {
			EvaluationInput input = this.inputs.get(i);
			Evaluation evaluation = this.engine.evaluate(new EvaluationInput(input.group(), input.fleet(),
					input.windows(), input.policies(), input.history(), input.leases(), input.now(),
					this.handOn ? this.forecasts.get(i) : Map.of()));
			this.forecasts.set(i, evaluation.forecasts());
			evaluations.add(evaluation);
		}
		return evaluations;
	}

	/**
	 * The same cycle measured in thread CPU time, which waiting for a core on a shared machine does
	 * not inflate: 30 warm-up cycles, then the median and the fastest of 30 measured ones.
	 */
	public static void main(String[] args) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (String variant : List.of("none", "scheduled", "predictive handed-on", "predictive afresh")) {
			EngineCycleBenchmark benchmark = new EngineCycleBenchmark();
			benchmark.groups = 10_000;
			benchmark.third = variant.split(" ")[0];
			benchmark.handOn = !variant.endsWith("afresh");
			benchmark.prepare();
			long[] cpu = new long[30];
			for (int i = -30; i < cpu.length; i++) {
				long start = threads.getCurrentThreadCpuTime();
				long checksum = 0;
				for (Evaluation evaluation : benchmark.evaluateAll()) {
					checksum += evaluation.desired();
				}
				if (i >= 0) {
					cpu[i] = threads.getCurrentThreadCpuTime() - start;
				}
				if (checksum < 0) {
					throw new IllegalStateException("capacities are never negative");
				}
			}
			Arrays.sort(cpu);
			System.out.printf("groups=%d third=%s: CPU per cycle median %.1f ms, fastest %.1f ms%n", benchmark.groups,
					variant, cpu[cpu.length / 2] / 1e6, cpu[0] / 1e6);
		}
	}

	private EvaluationInput group(int index, SplittableRandom random) {
		String name = "group-" + index;
		CloudWatchQuery cpu = new CloudWatchQuery("AWS/EC2", "CPUUtilization", Map.of("AutoScalingGroupName", name),
				"Average", MINUTE);
		CloudWatchQuery requests = new CloudWatchQuery("AWS/ApplicationELB", "RequestCount",
				Map.of("TargetGroup", name), "Sum", MINUTE);
		CloudWatchQuery hourly = new CloudWatchQuery("AWS/ApplicationELB", "RequestCount",
				Map.of("TargetGroup", name), "Sum", Duration.ofHours(1));
		int capacity = 4 + random.nextInt(40);
		List<Policy> policies = new ArrayList<>(List.of(
				new TargetTrackingPolicy("cpu", cpu, 50, Duration.ofMinutes(3), false, null, null, null),
				new StepScalingPolicy("requests-high", requests, 1000, StepScalingPolicy.Comparison.GREATER_THAN, 2, 3,
						StepScalingPolicy.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY,
						List.of(new StepScalingPolicy.StepAdjustment(0.0, 500.0, 10),
								new StepScalingPolicy.StepAdjustment(500.0, null, 30)),
						2, Duration.ofMinutes(3), null, null)));
		Map<MetricQuery, MetricWindow> windows = new HashMap<>();
		windows.put(cpu, window(cpu, 5, 20 + random.nextDouble() * 70, random));
		windows.put(requests, window(requests, 5, 600 + random.nextDouble() * 900, random));
		if (this.third.equals("scheduled")) {
			policies.add(new ScheduledPolicy("office-hours",
					List.of(new ScheduledPolicy.Schedule("0 0 8 * * MON-FRI", ZoneId.of("Europe/Berlin"), null,
							Duration.ofHours(10), 4, null, null),
							new ScheduledPolicy.Schedule("0 0 20 * * *", ZoneId.of("Europe/Berlin"), null,
									Duration.ofHours(2), null, null, 2)),
					null));
		}
		else if (this.third.equals("predictive")) {
			policies.add(new PredictivePolicy("forecast", hourly, 200, null, null, false, null, null, null));
			windows.put(hourly, window(hourly, 14 * 24, 5000, random));
		}
		Behavior behavior = new Behavior(
				new ScalingRules(null, List.of(new ScalingRules.RateLimit(ScalingRules.LimitType.PERCENT, 100, MINUTE)),
						null, Duration.ofMinutes(2)),
				new ScalingRules(Duration.ofMinutes(5),
						List.of(new ScalingRules.RateLimit(ScalingRules.LimitType.INSTANCES, 2, MINUTE)), null, null),
				null);
		return new EvaluationInput(new GroupSettings(name, 2, 60, behavior, Mode.ACTIVE),
				new FleetState(1, 100, capacity, instances(capacity, random), false), windows, policies,
				history(capacity, random), List.of(), NOW);
	}

	private static MetricWindow window(MetricQuery query, int count, double level, SplittableRandom random) {
		List<Datapoint> datapoints = new ArrayList<>(count);
		for (int i = count; i >= 1; i--) {
			datapoints.add(new Datapoint(NOW.minus(query.period().multipliedBy(i)), level * (0.8 + random.nextDouble() * 0.4)));
		}
		return MetricWindow.of(query, datapoints, NOW);
	}

	private static List<Instance> instances(int capacity, SplittableRandom random) {
		List<Instance> instances = new ArrayList<>(capacity);
		for (int i = 0; i < capacity; i++) {
			instances.add(new Instance("i-" + i, "eu-west-1a", LifecycleState.IN_SERVICE, true, false,
					NOW.minus(Duration.ofMinutes(random.nextInt(600)))));
		}
		return instances;
	}

	/** The last 10 minutes at one decision every 15 s, and a few changes. */
	private static History history(int capacity, SplittableRandom random) {
		List<History.PastRecommendation> recommendations = new ArrayList<>();
		for (int i = 40; i >= 1; i--) {
			recommendations.add(new History.PastRecommendation(NOW.minusSeconds(15L * i),
					Math.max(1, capacity - 3 + random.nextInt(7))));
		}
		List<History.PastAction> actions = List.of(new History.PastAction(NOW.minusSeconds(400), capacity - 2, capacity),
				new History.PastAction(NOW.minusSeconds(200), capacity + 1, capacity));
		return new History(recommendations, actions);
	}

}
