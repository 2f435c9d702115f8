package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Forecasts a load metric hour by hour from its history, with daily and weekly seasonality: the
 * history's mean is the level (no trend is extrapolated, so a forecast never runs away), scaled by
 * how far each hour of the day and, with a week of history or more, each day of the week sits from
 * it. Hours and days are those of UTC. Simple on purpose: it is explainable in one line, cheap
 * enough to run every cycle, and what predictive scaling needs is the shape of a recurring day.
 */
public final class Forecaster {

	/** How far ahead a forecast reaches. */
	public static final Duration HORIZON = Duration.ofHours(48);

	/** The least history a forecast is made from. */
	public static final Duration MINIMUM_HISTORY = Duration.ofHours(24);

	private static final Duration WEEK = Duration.ofDays(7);

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
		return forecast(window.datapoints(), policy.historyOrDefault(), policy.targetValue(), now);
	}

	/** The forecast of the given datapoints, learning only from those within {@code history} before now. */
	public static List<ForecastPoint> forecast(List<Datapoint> datapoints, Duration history, double targetValue,
			Instant now) {
		Seasonality seasonality = Seasonality.learn(datapoints, now.minus(history), now);
		if (seasonality == null) {
			return List.of();
		}
		Instant first = now.truncatedTo(ChronoUnit.HOURS);
		List<ForecastPoint> points = new ArrayList<>((int) HORIZON.toHours() + 1);
		for (int hour = 0; hour <= HORIZON.toHours(); hour++) {
			Instant time = first.plus(Duration.ofHours(hour));
			double value = seasonality.at(time);
			points.add(new ForecastPoint(time, value, Numbers.ceil(value / targetValue)));
		}
		return points;
	}

	/** Hourly means of the history, folded into a level and per-hour and per-day factors. */
	private record Seasonality(double level, double[] hourly, double[] daily) {

		static Seasonality learn(List<Datapoint> datapoints, Instant from, Instant to) {
			double[] hourSums = new double[24];
			int[] hourCounts = new int[24];
			double[] daySums = new double[7];
			int[] dayCounts = new int[7];
			double sum = 0;
			int count = 0;
			Instant oldest = null;
			for (Datapoint datapoint : datapoints) {
				Instant at = datapoint.timestamp();
				if (at.isBefore(from) || at.isAfter(to)) {
					continue;
				}
				oldest = (oldest == null || at.isBefore(oldest)) ? at : oldest;
				long epochHour = Math.floorDiv(at.getEpochSecond(), 3600);
				int hour = hourOfDay(epochHour);
				int day = dayOfWeek(epochHour);
				hourSums[hour] += datapoint.value();
				hourCounts[hour]++;
				daySums[day] += datapoint.value();
				dayCounts[day]++;
				sum += datapoint.value();
				count++;
			}
			if (oldest == null || Duration.between(oldest, to).compareTo(MINIMUM_HISTORY) < 0) {
				return null;
			}
			double level = sum / count;
			boolean weekly = Duration.between(oldest, to).compareTo(WEEK) >= 0;
			return new Seasonality(level, factors(hourSums, hourCounts, level, true),
					factors(daySums, dayCounts, level, weekly));
		}

		private static double[] factors(double[] sums, int[] counts, double level, boolean learned) {
			double[] factors = new double[sums.length];
			for (int i = 0; i < sums.length; i++) {
				factors[i] = (learned && counts[i] > 0 && level != 0) ? (sums[i] / counts[i]) / level : 1;
			}
			return factors;
		}

		double at(Instant time) {
			long epochHour = Math.floorDiv(time.getEpochSecond(), 3600);
			return this.level * this.hourly[hourOfDay(epochHour)] * this.daily[dayOfWeek(epochHour)];
		}

		private static int hourOfDay(long epochHour) {
			return Math.floorMod(epochHour, 24);
		}

		/** Monday 0 to Sunday 6: 1970-01-01 was a Thursday. */
		private static int dayOfWeek(long epochHour) {
			return Math.floorMod(Math.floorDiv(epochHour, 24) + 3, 7);
		}

	}

}
