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

	/** How long before the forecast load capacity is launched when the policy does not say. */
	public static final Duration DEFAULT_PRE_LAUNCH = Duration.ofMinutes(5);

	/** The longest history learned from, and the default. */
	public static final Duration MAXIMUM_HISTORY = Duration.ofDays(14);

	/**
	 * Fills the defaults ({@code null} history: 14 days; pre-launch: 5 minutes; max behaviour:
	 * {@code HONOR_MAX}; buffer: 0) and rejects inconsistent settings.
	 * @throws IllegalArgumentException naming the setting
	 */
	public PredictivePolicy {
		if (metric == null) {
			throw new IllegalArgumentException("metric is required");
		}
		if (!(targetValue > 0)) {
			throw new IllegalArgumentException("targetValue must be positive");
		}
		history = (history != null) ? history : MAXIMUM_HISTORY;
		if (history.compareTo(Forecaster.MINIMUM_HISTORY) < 0 || history.compareTo(MAXIMUM_HISTORY) > 0) {
			throw new IllegalArgumentException("history must be between 24 hours and 14 days");
		}
		preLaunch = (preLaunch != null) ? preLaunch : DEFAULT_PRE_LAUNCH;
		if (preLaunch.isNegative() || preLaunch.compareTo(Forecaster.HORIZON) > 0) {
			throw new IllegalArgumentException("preLaunch must be between 0 and 48 hours");
		}
		maxCapacityBehavior = (maxCapacityBehavior != null) ? maxCapacityBehavior : MaxCapacityBehavior.HONOR_MAX;
		maxCapacityBuffer = (maxCapacityBuffer != null) ? maxCapacityBuffer : 0;
		if (maxCapacityBuffer < 0 || maxCapacityBuffer > 100) {
			throw new IllegalArgumentException("maxCapacityBuffer must be between 0 and 100");
		}
	}

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
