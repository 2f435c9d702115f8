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
 */
public record TargetTrackingPolicy(String name, MetricQuery metric, double targetValue, Duration instanceWarmup,
		boolean disableScaleIn, Double tolerance, Behavior behavior, Integer fallback) implements Policy {

	@Override
	public Optional<MetricQuery> metricQuery() {
		return Optional.of(this.metric);
	}

	@Override
	public Duration lookback() {
		return this.metric.period().multipliedBy(5);
	}

}
