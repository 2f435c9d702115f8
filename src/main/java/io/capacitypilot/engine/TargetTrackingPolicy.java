package io.capacitypilot.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * Keep a metric at a target value by sizing capacity in proportion to it.
 *
 * @param instanceWarmup instances younger than this neither count toward current capacity nor
 * trigger another scale-out for the same load
 * @param disableScaleIn only ever recommend more capacity
 * @param tolerance overrides the behaviour's tolerance when set
 * @param fallback the capacity to hold at least while the metric is unknown, or {@code null} for no
 * opinion then
 * @param lookahead scale out for the load the metric's recent trend reaches this far ahead (about the
 * time a launched instance takes to serve), or {@code null} to size from the measured value only;
 * scale-ins always size from the measured value
 */
public record TargetTrackingPolicy(String name, MetricQuery metric, double targetValue, Duration instanceWarmup,
		boolean disableScaleIn, Double tolerance, Behavior behavior, Integer fallback,
		Duration lookahead) implements Policy {

	/** A policy that sizes from the measured value only. */
	public TargetTrackingPolicy(String name, MetricQuery metric, double targetValue, Duration instanceWarmup,
			boolean disableScaleIn, Double tolerance, Behavior behavior, Integer fallback) {
		this(name, metric, targetValue, instanceWarmup, disableScaleIn, tolerance, behavior, fallback, null);
	}

	@Override
	public Optional<MetricQuery> metricQuery() {
		return Optional.of(this.metric);
	}

	@Override
	public Duration lookback() {
		return this.metric.period().multipliedBy(Math.max(5, Trend.DATAPOINTS));
	}

}
