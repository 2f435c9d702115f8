package io.capacitypilot.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.Evaluation;
import io.capacitypilot.engine.EvaluationInput;
import io.capacitypilot.engine.Forecaster;
import io.capacitypilot.engine.GroupSettings;
import io.capacitypilot.engine.History;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.Policy;
import io.capacitypilot.engine.ScalingEngine;
import io.capacitypilot.simulation.Measurements.MeasuredDatapoint;

/**
 * The production engine in a replay: the same {@link ScalingEngine} and policies the control loop
 * runs, fed the replay's monitoring as CloudWatch windows ({@code CPUUtilization}, the average of
 * each period, and {@code RequestCount}, the requests served in it) and its own history of
 * recommendations and actions, as the control loop rebuilds it from stored decisions.
 */
public final class EngineAutoscaler implements Autoscaler {

	/** Longer than any stabilization window or cooldown worth replaying. */
	private static final Duration HISTORY = Duration.ofHours(2);

	private final String name;

	private final ScalingEngine engine;

	private final GroupSettings group;

	private final List<Policy> policies;

	private final Duration interval;

	private final List<History.PastRecommendation> recommendations = new ArrayList<>();

	private final List<History.PastAction> actions = new ArrayList<>();

	/** What the predictive policies learned, kept between decisions as the control loop does. */
	private Map<String, Forecaster.Model> forecasts = Map.of();

	public EngineAutoscaler(String name, ScalingEngine engine, GroupSettings group, List<Policy> policies,
			Duration interval) {
		this.name = name;
		this.engine = engine;
		this.group = group;
		this.policies = List.copyOf(policies);
		this.interval = interval;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Duration interval() {
		return this.interval;
	}

	@Override
	public int decide(Observation observation) {
		Instant now = observation.now();
		Map<MetricQuery, MetricWindow> windows = new HashMap<>();
		for (Policy policy : this.policies) {
			policy.metricQuery()
				.ifPresent((query) -> windows.put(query, window(query, policy.lookback(), observation)));
		}
		forgetBefore(now.minus(HISTORY));
		Evaluation evaluation = this.engine.evaluate(new EvaluationInput(this.group, observation.fleet(), windows,
				this.policies, new History(this.recommendations, this.actions), List.of(), now, this.forecasts));
		this.forecasts = evaluation.forecasts();
		if (evaluation.combined() != null) {
			this.recommendations.add(new History.PastRecommendation(now, evaluation.combined()));
		}
		if (evaluation.desired() != evaluation.current()) {
			this.actions.add(new History.PastAction(now, evaluation.current(), evaluation.desired()));
		}
		return evaluation.desired();
	}

	private static MetricWindow window(MetricQuery query, Duration lookback, Observation observation) {
		if (!(query instanceof CloudWatchQuery cloudWatch) || cloudWatch.expression() != null) {
			return MetricWindow.failed(query, observation.now(), "a replay answers plain CloudWatch metrics only");
		}
		ToDoubleFunction<MeasuredDatapoint> value = switch (cloudWatch.metricName()) {
			case "CPUUtilization" -> MeasuredDatapoint::utilization;
			case "RequestCount" -> (datapoint) -> datapoint.requestsPerSecond() * query.period().toSeconds();
			default -> null;
		};
		if (value == null) {
			return MetricWindow.failed(query, observation.now(), "a replay measures CPUUtilization and RequestCount");
		}
		int count = (int) Math.max(1, lookback.toMillis() / query.period().toMillis());
		List<Datapoint> datapoints = observation.measurements()
			.datapoints(query.period(), observation.now(), count)
			.stream()
			.map((datapoint) -> new Datapoint(datapoint.start(), value.applyAsDouble(datapoint)))
			.toList();
		return MetricWindow.of(query, datapoints, observation.now());
	}

	private void forgetBefore(Instant horizon) {
		this.recommendations.removeIf((recommendation) -> recommendation.at().isBefore(horizon));
		this.actions.removeIf((action) -> action.at().isBefore(horizon));
	}

}
