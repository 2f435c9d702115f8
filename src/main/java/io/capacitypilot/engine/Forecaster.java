package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.capacitypilot.engine.PredictivePolicy.ForecastStatistic;

/**
 * Forecasts a load metric hour by hour from its history, with daily and weekly seasonality: a level,
 * scaled by how far each hour of the day and, with a week of history or more, each day of the week
 * sits from it. The level is the history's mean brought to the last day's (no trend is extrapolated
 * beyond it, so a forecast never runs away). Hours and days are those of UTC. Simple on purpose: it
 * is explainable in one line, and what predictive scaling needs is the shape of a recurring day.
 * What is forecast of an hour is the mean of its datapoints, or, with another
 * {@link PredictivePolicy#forecastStatistic()}, their maximum or a high percentile: each complete hour
 * of the history is reduced to that statistic first, and the same model learns from those.
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
	 * datapoints within the policy's history; of a {@link PredictivePolicy#recurring()} policy, the
	 * recurring load slot by slot.
	 * @return the points, or an empty list when the history is too short to forecast from
	 */
	public static List<ForecastPoint> forecast(PredictivePolicy policy, MetricWindow window, Instant now) {
		if (policy.recurring() != null) {
			return Recurrence.forecast(policy, window.datapoints(), now, now.plus(HORIZON));
		}
		Model model = learn(policy, window, now, null);
		if (model == null) {
			return List.of();
		}
		long first = hourOf(now);
		List<ForecastPoint> points = new ArrayList<>((int) HORIZON.toHours() + 1);
		for (long hour = first; hour <= first + HORIZON.toHours(); hour++) {
			points.add(model.seasonality.point(hour, policy.targetValue()));
		}
		return points;
	}

	/**
	 * What the policy's forecast learns from the window at {@code now}. With the model of the
	 * policy's last cycle, the history it had already summed up is not read again: only its newest
	 * datapoint (CloudWatch's hour under way, which grows from cycle to cycle) is, until the history
	 * moves on by a datapoint, for hourly datapoints once an hour. The result is the same as learning
	 * afresh, to the last digit: the sums are added up in the same order.
	 * @param previous the model of the policy's last cycle, or {@code null}
	 * @return the model, or {@code null} when the history covers less than 24 hours
	 */
	static Model learn(PredictivePolicy policy, MetricWindow window, Instant now, Model previous) {
		ForecastStatistic statistic = policy.forecastStatisticOrDefault();
		if (statistic == ForecastStatistic.MEAN) {
			return learnFrom(policy, window, now, previous);
		}
		Hours hours = Hours.of(window, now, policy.historyOrDefault(), statistic,
				(previous != null) ? previous.hours : null);
		boolean same = previous != null && previous.hours != null && previous.hours.window() == hours.window();
		Model model = learnFrom(policy, hours.window(), now, same ? previous : null);
		return (model != null) ? model.with(hours) : null;
	}

	/** {@link #learn} from the window's datapoints as they are: each is one sample of its hour's mean. */
	private static Model learnFrom(PredictivePolicy policy, MetricWindow window, Instant now, Model previous) {
		List<Datapoint> datapoints = window.datapoints();
		int start = firstAtOrAfter(datapoints, now.minus(policy.historyOrDefault()),
				(previous != null) ? previous.start : 0);
		// After now is at or after the next nanosecond, an Instant's finest step.
		int end = firstAtOrAfter(datapoints, now.plusNanos(1), (previous != null) ? previous.end : datapoints.size());
		if (start >= end) {
			return null;
		}
		Duration covered = Duration.between(datapoints.get(start).timestamp(), now);
		if (covered.compareTo(MINIMUM_HISTORY) < 0) {
			return null;
		}
		int newest = end - 1;
		Span settled = new Span(window.query(), datapoints.get(start).timestamp(), datapoints.get(newest).timestamp(),
				newest - start);
		boolean same = previous != null && previous.settled.equals(settled) && previous.start == start;
		Instant dayAgo = now.minus(RECENT);
		int recent = (same && previous.lastDayStillBeginsAt(dayAgo)) ? previous.recent
				: firstAtOrAfter(datapoints, dayAgo, (previous != null) ? previous.recent : start);
		Sums sums = same ? previous.sums : Sums.of(datapoints, start, newest);
		RecentSums recentSums = (same && previous.recent == recent) ? previous.recentSums
				: RecentSums.of(datapoints, start, recent, end);
		Seasonality seasonality = sums.plus(datapoints.get(newest))
			.seasonality(covered.compareTo(WEEK) >= 0)
			.rescaledTo(recentSums, (recent <= newest) ? datapoints.get(newest) : null);
		return new Model(start, end, recent, settled, sums, recentSums, seasonality, null);
	}

	/**
	 * The index of the first datapoint at or after {@code time}, or the size when there is none:
	 * {@code guess} when it is (where it was last cycle), else found by binary search.
	 */
	static int firstAtOrAfter(List<Datapoint> datapoints, Instant time, int guess) {
		if (guess >= 0 && guess <= datapoints.size()
				&& (guess == datapoints.size() || !datapoints.get(guess).timestamp().isBefore(time))
				&& (guess == 0 || datapoints.get(guess - 1).timestamp().isBefore(time))) {
			return guess;
		}
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

	/** The hour containing {@code time}, in hours since the epoch. */
	private static long hourOf(Instant time) {
		return Math.floorDiv(time.getEpochSecond(), HOUR_SECONDS);
	}

	private static int hourOfDay(long epochHour) {
		return Math.floorMod(epochHour, 24);
	}

	/** Monday 0 to Sunday 6: 1970-01-01 was a Thursday. */
	private static int dayOfWeek(long epochHour) {
		return Math.floorMod(Math.floorDiv(epochHour, 24) + 3, 7);
	}

	/**
	 * A forecast as learned in one cycle, for the caller to hand to the next (the engine itself
	 * remembers nothing): summing two weeks of history is most of a predictive policy's cost, and
	 * all but the newest datapoint of it are the same from one cycle to the next.
	 */
	public static final class Model {

		/** Where the history began, ended (exclusive) and its last day began in the window. */
		private final int start;

		private final int end;

		private final int recent;

		private final Span settled;

		private final Sums sums;

		private final RecentSums recentSums;

		private final Seasonality seasonality;

		/** The hours' statistics the model was learned from, or {@code null} for the datapoints themselves. */
		private final Hours hours;

		private Model(int start, int end, int recent, Span settled, Sums sums, RecentSums recentSums,
				Seasonality seasonality, Hours hours) {
			this.start = start;
			this.end = end;
			this.recent = recent;
			this.settled = settled;
			this.sums = sums;
			this.recentSums = recentSums;
			this.seasonality = seasonality;
			this.hours = hours;
		}

		private Model with(Hours hours) {
			return new Model(this.start, this.end, this.recent, this.settled, this.sums, this.recentSums,
					this.seasonality, hours);
		}

		/**
		 * Whether, in the same span, the last day would still begin at the same datapoint: told from
		 * the timestamps either side of it, without reading the window (each read of another group's
		 * datapoints is a cache miss).
		 */
		private boolean lastDayStillBeginsAt(Instant dayAgo) {
			Instant before = this.recentSums.before();
			Instant first = this.recentSums.first();
			return (before == null || before.isBefore(dayAgo)) && (first == null || !first.isBefore(dayAgo));
		}

		/**
		 * The hour needing the most capacity among those that overlap {@code [now, until]} (the first
		 * of them on a tie), within the {@link #HORIZON}: a decision needs no more of the forecast.
		 */
		ForecastPoint peak(Instant now, Instant until, double targetValue) {
			long first = hourOf(now);
			long last = Math.min(first + HORIZON.toHours(), hourOf(until));
			long peak = first;
			for (long hour = first + 1; hour <= last; hour++) {
				if (this.seasonality.at(hour) > this.seasonality.at(peak)) {
					peak = hour;
				}
			}
			return this.seasonality.point(peak, targetValue);
		}

	}

	/**
	 * The complete hours of a window's history, each reduced to one datapoint at its start: the
	 * statistic of its datapoints. Only hours that have ended and lie wholly within the history and
	 * the window count, as a part of an hour has a lower maximum than the whole. Kept from cycle to
	 * cycle while the same datapoints make them up: until the next hour ends or a late one arrives.
	 *
	 * @param from the index of the window's first datapoint in the first complete hour
	 * @param to the index after the last datapoint before the hour under way
	 * @param oldest the timestamp at {@code from}, or {@code null} when there is none
	 * @param newest the timestamp before {@code to}, or {@code null} when there is none
	 * @param window the hours' statistics as a window of hourly datapoints
	 */
	private record Hours(MetricQuery metric, ForecastStatistic statistic, int from, int to, Instant oldest,
			Instant newest, MetricWindow window) {

		/**
		 * The hours of the window at {@code now}: {@code previous}'s when the same datapoints make
		 * them up.
		 */
		static Hours of(MetricWindow window, Instant now, Duration history, ForecastStatistic statistic,
				Hours previous) {
			List<Datapoint> datapoints = window.datapoints();
			Instant since = now.minus(history);
			if (!datapoints.isEmpty() && datapoints.getFirst().timestamp().isAfter(since)) {
				since = datapoints.getFirst().timestamp();
			}
			long firstHour = Math.floorDiv(since.getEpochSecond() + HOUR_SECONDS - 1, HOUR_SECONDS);
			int from = firstAtOrAfter(datapoints, Instant.ofEpochSecond(firstHour * HOUR_SECONDS),
					(previous != null) ? previous.from : 0);
			int to = Math.max(from, firstAtOrAfter(datapoints, Instant.ofEpochSecond(hourOf(now) * HOUR_SECONDS),
					(previous != null) ? previous.to : datapoints.size()));
			Instant oldest = (from < to) ? datapoints.get(from).timestamp() : null;
			Instant newest = (from < to) ? datapoints.get(to - 1).timestamp() : null;
			// Told by timestamps and count, not by index: a window fetched for the last 14 days starts
			// a datapoint later every cycle.
			if (previous != null && previous.metric.equals(window.query()) && previous.statistic == statistic
					&& previous.to - previous.from == to - from && Objects.equals(previous.oldest, oldest)
					&& Objects.equals(previous.newest, newest)) {
				return new Hours(previous.metric, statistic, from, to, oldest, newest, previous.window);
			}
			List<Datapoint> hours = new ArrayList<>();
			double[] values = new double[Math.max(1, to - from)];
			int first = from;
			while (first < to) {
				long hour = hourOf(datapoints.get(first).timestamp());
				int count = 0;
				int next = first;
				while (next < to && hourOf(datapoints.get(next).timestamp()) == hour) {
					values[count++] = datapoints.get(next++).value();
				}
				hours.add(new Datapoint(Instant.ofEpochSecond(hour * HOUR_SECONDS), statistic.of(values, count)));
				first = next;
			}
			return new Hours(window.query(), statistic, from, to, oldest, newest,
					MetricWindow.of(window.query(), hours, window.fetchedAt()));
		}

	}

	/**
	 * Which datapoints of a window were summed up: {@code count} of them, from {@code oldest} to
	 * before {@code newest}. A datapoint older than the newest is taken as final.
	 */
	private record Span(MetricQuery metric, Instant oldest, Instant newest, int count) {
	}

	/**
	 * How much of the recent history re-scales the level: the last day, so that a load that has grown
	 * or shrunk since the history began is forecast at today's level, not at the history's mean.
	 */
	private static final Duration RECENT = Duration.ofHours(24);

	/**
	 * Sums of datapoints: of all of them, and by hour of the day and day of the week. The arrays are
	 * filled while the sums are built, and never changed after.
	 */
	private record Sums(double[] hourSums, int[] hourCounts, double[] daySums, int[] dayCounts, double sum,
			int count) {

		/** The sums of the datapoints from index {@code start} to {@code end}, in their order. */
		static Sums of(List<Datapoint> datapoints, int start, int end) {
			Sums sums = new Sums(new double[24], new int[24], new double[7], new int[7], 0, 0);
			double sum = 0;
			for (int i = start; i < end; i++) {
				sum += sums.addByHourAndDay(datapoints.get(i));
			}
			return new Sums(sums.hourSums, sums.hourCounts, sums.daySums, sums.dayCounts, sum, end - start);
		}

		/** These sums and one more datapoint, added last. */
		Sums plus(Datapoint datapoint) {
			Sums sums = new Sums(this.hourSums.clone(), this.hourCounts.clone(), this.daySums.clone(),
					this.dayCounts.clone(), 0, 0);
			double value = sums.addByHourAndDay(datapoint);
			return new Sums(sums.hourSums, sums.hourCounts, sums.daySums, sums.dayCounts, this.sum + value,
					this.count + 1);
		}

		/** Adds the datapoint to the sums by hour and by day; returns its value. */
		private double addByHourAndDay(Datapoint datapoint) {
			long epochHour = hourOf(datapoint.timestamp());
			int hour = hourOfDay(epochHour);
			int day = dayOfWeek(epochHour);
			double value = datapoint.value();
			this.hourSums[hour] += value;
			this.hourCounts[hour]++;
			this.daySums[day] += value;
			this.dayCounts[day]++;
			return value;
		}

		/** The seasonality these sums describe, with the day-of-week factors only when {@code weekly}. */
		Seasonality seasonality(boolean weekly) {
			double level = this.sum / this.count;
			return new Seasonality(level, factors(this.hourSums, this.hourCounts, level, true),
					factors(this.daySums, this.dayCounts, level, weekly));
		}

		private static double[] factors(double[] sums, int[] counts, double level, boolean learned) {
			double[] factors = new double[sums.length];
			for (int i = 0; i < sums.length; i++) {
				factors[i] = (learned && counts[i] > 0 && level != 0) ? (sums[i] / counts[i]) / level : 1;
			}
			return factors;
		}

	}

	/**
	 * The last day's datapoints but the newest: the sum of their values, in their order, and their
	 * hours since the epoch, which is all that re-scaling the level reads of them; and the timestamps
	 * either side of where the day begins, within the span ({@code null} at its ends).
	 */
	private record RecentSums(double sum, long[] epochHours, Instant before, Instant first) {

		/** The last day from index {@code recent}, in the span from {@code start} to {@code end}. */
		static RecentSums of(List<Datapoint> datapoints, int start, int recent, int end) {
			double sum = 0;
			long[] epochHours = new long[Math.max(0, end - 1 - recent)];
			for (int i = recent; i < end - 1; i++) {
				Datapoint datapoint = datapoints.get(i);
				sum += datapoint.value();
				epochHours[i - recent] = hourOf(datapoint.timestamp());
			}
			return new RecentSums(sum, epochHours, (recent > start) ? datapoints.get(recent - 1).timestamp() : null,
					(recent < end) ? datapoints.get(recent).timestamp() : null);
		}

	}

	/**
	 * Hourly means of the history, folded into a level and per-hour and per-day factors. The level is
	 * the history's mean re-scaled by how the last day compares with what the factors fit for it: a
	 * mean over two weeks of a growing load (a sales season, a tournament) lags it by a week, and a
	 * floor held at the old level either wastes capacity after a fall or leaves it all to the reactive
	 * policies after a rise.
	 */
	private record Seasonality(double level, double[] hourly, double[] daily) {

		/**
		 * This seasonality with its level scaled so that it fits the last day: the datapoints summed
		 * up in {@code recent}, then the newest one when it is in that day ({@code null} when not).
		 */
		Seasonality rescaledTo(RecentSums recent, Datapoint newest) {
			double actual = recent.sum();
			double fitted = 0;
			for (long epochHour : recent.epochHours()) {
				fitted += at(epochHour);
			}
			if (newest != null) {
				actual += newest.value();
				fitted += at(hourOf(newest.timestamp()));
			}
			return (fitted > 0) ? new Seasonality(this.level * actual / fitted, this.hourly, this.daily) : this;
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

	}

}
