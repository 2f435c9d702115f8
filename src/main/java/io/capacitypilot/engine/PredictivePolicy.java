package io.capacitypilot.engine;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
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
 * @param forecastStatistic what of each hour's (or recurring slot's) datapoints is forecast: their
 * mean (the default), or their maximum or a high percentile, so that the capacity launched for an
 * hour carries the peak within it; anything but the mean needs datapoints finer than an hour
 * @param recurring instead of the seasonal model, forecast only the load that recurred at the same
 * time of day on each of the last days, or {@code null} for the seasonal model
 */
public record PredictivePolicy(String name, MetricQuery metric, double targetValue, Duration history,
		Duration preLaunch, boolean forecastOnly, MaxCapacityBehavior maxCapacityBehavior, Integer maxCapacityBuffer,
		Behavior behavior, ForecastStatistic forecastStatistic, Recurring recurring) implements Policy {

	/** How long before the forecast load capacity is launched when the policy does not say. */
	public static final Duration DEFAULT_PRE_LAUNCH = Duration.ofMinutes(5);

	/** How much history is learned from when the policy does not say: the most that is useful. */
	public static final Duration DEFAULT_HISTORY = Duration.ofDays(14);

	/** A policy that forecasts each hour's mean. */
	public PredictivePolicy(String name, MetricQuery metric, double targetValue, Duration history, Duration preLaunch,
			boolean forecastOnly, MaxCapacityBehavior maxCapacityBehavior, Integer maxCapacityBuffer, Behavior behavior) {
		this(name, metric, targetValue, history, preLaunch, forecastOnly, maxCapacityBehavior, maxCapacityBuffer,
				behavior, null, null);
	}

	/** {@link #history()}, or {@link #DEFAULT_HISTORY} when unset. */
	public Duration historyOrDefault() {
		return (this.history != null) ? this.history : DEFAULT_HISTORY;
	}

	/** {@link #preLaunch()}, or {@link #DEFAULT_PRE_LAUNCH} when unset. */
	public Duration preLaunchOrDefault() {
		return (this.preLaunch != null) ? this.preLaunch : DEFAULT_PRE_LAUNCH;
	}

	/** {@link #maxCapacityBehavior()}, or {@code HONOR_MAX} when unset. */
	public MaxCapacityBehavior maxCapacityBehaviorOrDefault() {
		return (this.maxCapacityBehavior != null) ? this.maxCapacityBehavior : MaxCapacityBehavior.HONOR_MAX;
	}

	/** {@link #maxCapacityBuffer()}, or 0 when unset. */
	public int maxCapacityBufferOrDefault() {
		return (this.maxCapacityBuffer != null) ? this.maxCapacityBuffer : 0;
	}

	/** {@link #forecastStatistic()}, or {@code MEAN} when unset. */
	public ForecastStatistic forecastStatisticOrDefault() {
		return (this.forecastStatistic != null) ? this.forecastStatistic : ForecastStatistic.MEAN;
	}

	@Override
	public Optional<MetricQuery> metricQuery() {
		return Optional.of(this.metric);
	}

	@Override
	public Duration lookback() {
		return historyOrDefault();
	}

	public enum MaxCapacityBehavior {

		HONOR_MAX, INCREASE_MAX

	}

	/**
	 * What of an hour's (or a recurring slot's) datapoints a forecast is made of. A percentile is the
	 * nearest-rank one: the smallest datapoint that at least that share of them are no larger than.
	 */
	public enum ForecastStatistic {

		MEAN(0), MAX(100), P90(90), P95(95), P99(99);

		private final int percent;

		private final String label;

		ForecastStatistic(int percent) {
			this.percent = percent;
			this.label = name().toLowerCase(Locale.ROOT);
		}

		/** The statistic of the first {@code count} values, which it may reorder; {@code count} > 0. */
		double of(double[] values, int count) {
			if (this == MEAN) {
				double sum = 0;
				for (int i = 0; i < count; i++) {
					sum += values[i];
				}
				return sum / count;
			}
			Arrays.sort(values, 0, count);
			// The nearest rank, ceil(percent / 100 × count), in integers: 0.95 × 60 is 57.00000000000001.
			int rank = (this.percent * count + 99) / 100;
			return values[Math.max(0, rank - 1)];
		}

		/** In lower case, as the JSON form and the explanations spell it. */
		String label() {
			return this.label;
		}

	}

	/**
	 * A floor of the load that recurs: for each slot of the day, the lowest, over the last
	 * {@code days} days, of the statistic of that slot's datapoints. It pays only for load that came
	 * back every day, and at the resolution of the slot rather than of an hour.
	 *
	 * @param days how many of the last days the load must have recurred on (1 to 14, within the
	 * history)
	 * @param slot the length of a slot, from a minute to an hour, dividing a day
	 */
	public record Recurring(int days, Duration slot) {
	}

}
