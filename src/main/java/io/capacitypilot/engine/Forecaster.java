package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Forecasts a load metric hour by hour from its history, with daily and weekly seasonality: a level,
 * scaled by how far each hour of the day and, with a week of history or more, each day of the week
 * sits from it. The level is the history's mean brought to the last day's (no trend is extrapolated
 * beyond it, so a forecast never runs away). Hours and days are those of UTC. Simple on purpose: it is explainable in one line, cheap
 * enough to run every cycle, and what predictive scaling needs is the shape of a recurring day.
 */
public final class Forecaster {

	/** How far ahead a forecast reaches. */
	public static final Duration HORIZON = Duration.ofHours(48);

	/** The least history a forecast is made from. */
	public static final Duration MINIMUM_HISTORY = Duration.ofHours(24);

	private static final Duration WEEK = Duration.ofDays(7);

	private static final long HOUR_SECONDS = 3600;

	private Forecaster() {
	}

	/**
	 * One hour of a forecast.
	 * @param time the start of the hour
	 * @param value the metric expected in that hour
	 * @param capacity the instances that load needs at the policy's target value per instance
	 */
	public record ForecastPoint(Instant time, double value, int capacity) {
	}

	/**
	 * The forecast for the {@link #HORIZON} from the hour containing {@code now}, from the window's
	 * datapoints within the policy's history.
	 * @return the hourly points, or an empty list when the history covers less than 24 hours
	 */
	public static List<ForecastPoint> forecast(PredictivePolicy policy, MetricWindow window, Instant now) {
		Seasonality seasonality = Seasonality.learn(window.datapoints(), now.minus(policy.historyOrDefault()), now);
		if (seasonality == null) {
			return List.of();
		}
		long first = firstHour(now);
		List<ForecastPoint> points = new ArrayList<>((int) HORIZON.toHours() + 1);
		for (long hour = first; hour <= first + HORIZON.toHours(); hour++) {
			points.add(seasonality.point(hour, policy.targetValue()));
		}
		return points;
	}

	/**
	 * The hour of the forecast needing the most capacity among those that overlap {@code [now, until]}
	 * (the first of them on a tie), without forecasting the rest of the {@link #HORIZON}: a decision
	 * needs only the hours up to its pre-launch time.
	 * @return the point, or empty when the history covers less than 24 hours
	 */
	static Optional<ForecastPoint> peak(PredictivePolicy policy, MetricWindow window, Instant now, Instant until) {
		Seasonality seasonality = Seasonality.learn(window.datapoints(), now.minus(policy.historyOrDefault()), now);
		if (seasonality == null) {
			return Optional.empty();
		}
		long first = firstHour(now);
		long last = Math.min(first + HORIZON.toHours(), Math.floorDiv(until.getEpochSecond(), HOUR_SECONDS));
		long peak = first;
		for (long hour = first + 1; hour <= last; hour++) {
			if (seasonality.at(hour) > seasonality.at(peak)) {
				peak = hour;
			}
		}
		return Optional.of(seasonality.point(peak, policy.targetValue()));
	}

	/** The hour containing {@code now}, in hours since the epoch. */
	private static long firstHour(Instant now) {
		return Math.floorDiv(now.getEpochSecond(), HOUR_SECONDS);
	}

	/**
	 * How much of the recent history re-scales the level: the last day, so that a load that has grown
	 * or shrunk since the history began is forecast at today's level, not at the history's mean.
	 */
	private static final Duration RECENT = Duration.ofHours(24);

	/**
	 * Hourly means of the history, folded into a level and per-hour and per-day factors. The level is
	 * the history's mean re-scaled by how the last day compares with what the factors fit for it: a
	 * mean over two weeks of a growing load (a sales season, a tournament) lags it by a week, and a
	 * floor held at the old level either wastes capacity after a fall or leaves it all to the reactive
	 * policies after a rise.
	 * <p>
	 * Learning reads the history as it comes, sorted by time: the datapoints within a span are found
	 * by binary search rather than by testing each, and each is read once, with hours counted since
	 * the epoch rather than as dates.
	 */
	private record Seasonality(double level, double[] hourly, double[] daily) {

		/** The seasonality of the datapoints (sorted by time) within {@code [from, to]}, or null with too little. */
		static Seasonality learn(List<Datapoint> datapoints, Instant from, Instant to) {
			int start = firstAtOrAfter(datapoints, from);
			int end = firstAfter(datapoints, to);
			if (start >= end) {
				return null;
			}
			Duration covered = Duration.between(datapoints.get(start).timestamp(), to);
			if (covered.compareTo(MINIMUM_HISTORY) < 0) {
				return null;
			}
			double[] hourSums = new double[24];
			int[] hourCounts = new int[24];
			double[] daySums = new double[7];
			int[] dayCounts = new int[7];
			double sum = 0;
			for (int i = start; i < end; i++) {
				Datapoint datapoint = datapoints.get(i);
				long epochHour = Math.floorDiv(datapoint.timestamp().getEpochSecond(), HOUR_SECONDS);
				int hour = hourOfDay(epochHour);
				int day = dayOfWeek(epochHour);
				double value = datapoint.value();
				hourSums[hour] += value;
				hourCounts[hour]++;
				daySums[day] += value;
				dayCounts[day]++;
				sum += value;
			}
			double level = sum / (end - start);
			boolean weekly = covered.compareTo(WEEK) >= 0;
			Seasonality fitted = new Seasonality(level, factors(hourSums, hourCounts, level, true),
					factors(daySums, dayCounts, level, weekly));
			return fitted.rescaledTo(datapoints, firstAtOrAfter(datapoints, to.minus(RECENT)), end);
		}

		/** This seasonality with its level scaled so that it fits the datapoints from index start to end. */
		private Seasonality rescaledTo(List<Datapoint> datapoints, int start, int end) {
			double actual = 0;
			double fitted = 0;
			for (int i = start; i < end; i++) {
				Datapoint datapoint = datapoints.get(i);
				actual += datapoint.value();
				fitted += at(Math.floorDiv(datapoint.timestamp().getEpochSecond(), HOUR_SECONDS));
			}
			return (fitted > 0) ? new Seasonality(this.level * actual / fitted, this.hourly, this.daily) : this;
		}

		private static double[] factors(double[] sums, int[] counts, double level, boolean learned) {
			double[] factors = new double[sums.length];
			for (int i = 0; i < sums.length; i++) {
				factors[i] = (learned && counts[i] > 0 && level != 0) ? (sums[i] / counts[i]) / level : 1;
			}
			return factors;
		}

		/** The metric expected in the given hour since the epoch. */
		double at(long epochHour) {
			return this.level * this.hourly[hourOfDay(epochHour)] * this.daily[dayOfWeek(epochHour)];
		}

		ForecastPoint point(long epochHour, double targetValue) {
			double value = at(epochHour);
			return new ForecastPoint(Instant.ofEpochSecond(epochHour * HOUR_SECONDS), value,
					Numbers.ceil(value / targetValue));
		}

		private static int hourOfDay(long epochHour) {
			return Math.floorMod(epochHour, 24);
		}

		/** Monday 0 to Sunday 6: 1970-01-01 was a Thursday. */
		private static int dayOfWeek(long epochHour) {
			return Math.floorMod(Math.floorDiv(epochHour, 24) + 3, 7);
		}

		/** The index of the first datapoint at or after {@code time}, or the size when there is none. */
		private static int firstAtOrAfter(List<Datapoint> datapoints, Instant time) {
			int low = 0;
			int high = datapoints.size();
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (datapoints.get(middle).timestamp().isBefore(time)) {
					low = middle + 1;
				}
				else {
					high = middle;
				}
			}
			return low;
		}

		/** The index of the first datapoint after {@code time}, or the size when there is none. */
		private static int firstAfter(List<Datapoint> datapoints, Instant time) {
			int low = 0;
			int high = datapoints.size();
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (datapoints.get(middle).timestamp().isAfter(time)) {
					high = middle;
				}
				else {
					low = middle + 1;
				}
			}
			return low;
		}

	}

}
