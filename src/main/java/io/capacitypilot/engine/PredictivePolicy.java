package io.capacitypilot.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * Forecast the metric from its history (daily and weekly seasonality) and launch capacity ahead of
 * predicted load. Scale-out only.
 *
 * @param targetValue the metric value per instance to size for, as in target tracking
 * @param history how much history to learn from (at least 24 hours, at most 14 days)
 * @param preLaunch how long before the forecast load the capacity should be there
 * @param forecastOnly compute and expose the forecast without recommending anything
 * @param maxCapacityBehavior what to do when the forecast needs more than the maximum
 * @param maxCapacityBuffer with {@code INCREASE_MAX}, the percent above the forecast the maximum
 * may be raised to
 */
public record PredictivePolicy(String name, MetricQuery metric, double targetValue, Duration history,
		Duration preLaunch, boolean forecastOnly, MaxCapacityBehavior maxCapacityBehavior, Integer maxCapacityBuffer,
		Behavior behavior) implements Policy {

	@Override
	public Optional<MetricQuery> metricQuery() {
		return Optional.of(this.metric);
	}

	@Override
	public Duration lookback() {
		return this.history;
	}

	public enum MaxCapacityBehavior {

		HONOR_MAX, INCREASE_MAX

	}

}
