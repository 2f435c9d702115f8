package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.capacitypilot.engine.Forecaster.ForecastPoint;
import io.capacitypilot.engine.PredictivePolicy.Recurring;

/**
 * The load that recurs: for a slot of the day (a quarter of an hour, say), the lowest, over the last
 * days, of the statistic of the slot's datapoints on each of them. A floor made of it pays only for
 * load that came back every day, and sees a ramp at the resolution of the slot rather than of an
 * hour. Nothing is learned or kept: a decision reads the few slots it needs, a binary search each.
 */
final class Recurrence {

	private static final Duration DAY = Duration.ofDays(1);

	private Recurrence() {
	}

	/**
	 * The slot needing the most capacity among those that overlap {@code [now, until]} (the first of
	 * them on a tie).
	 * @return the slot, or {@code null} when the history covers fewer than the policy's days or none
	 * of the slots has data on any of them
	 */
	static ForecastPoint peak(PredictivePolicy policy, List<Datapoint> datapoints, Instant now, Instant until) {
		List<ForecastPoint> points = forecast(policy, datapoints, now, until);
		ForecastPoint peak = null;
		for (ForecastPoint point : points) {
			if (peak == null || point.value() > peak.value()) {
				peak = point;
			}
		}
		return peak;
	}

	/**
	 * The slots that overlap {@code [now, until]} that have data, each at the load that recurred in
	 * it: empty when the history covers fewer than the policy's days.
	 */
	static List<ForecastPoint> forecast(PredictivePolicy policy, List<Datapoint> datapoints, Instant now,
			Instant until) {
		Recurring recurring = policy.recurring();
		if (datapoints.isEmpty()
				|| datapoints.getFirst().timestamp().isAfter(now.minus(DAY.multipliedBy(recurring.days())))) {
			return List.of();
		}
		long slot = recurring.slot().toSeconds();
		List<ForecastPoint> points = new ArrayList<>();
		double[] values = new double[16];
		for (long index = Math.floorDiv(now.getEpochSecond(), slot); index <= Math.floorDiv(until.getEpochSecond(),
				slot); index++) {
			Instant start = Instant.ofEpochSecond(index * slot);
			Instant end = start.plusSeconds(slot);
			// The days on which the slot has wholly passed: yesterday's for the slots of the next hours.
			long first = Math.max(1, ceilDiv(Duration.between(now, end).toSeconds(), DAY.toSeconds()));
			double lowest = Double.NaN;
			for (long day = first; day < first + recurring.days(); day++) {
				int from = Forecaster.firstAtOrAfter(datapoints, start.minus(DAY.multipliedBy(day)), -1);
				int to = Forecaster.firstAtOrAfter(datapoints, end.minus(DAY.multipliedBy(day)), -1);
				if (from == to) {
					// No data that day: unknown, not a day without the load.
					continue;
				}
				if (values.length < to - from) {
					values = new double[to - from];
				}
				for (int i = from; i < to; i++) {
					values[i - from] = datapoints.get(i).value();
				}
				double value = policy.forecastStatisticOrDefault().of(values, to - from);
				lowest = Double.isNaN(lowest) ? value : Math.min(lowest, value);
			}
			if (!Double.isNaN(lowest)) {
				points.add(new ForecastPoint(start, lowest, Numbers.ceil(lowest / policy.targetValue())));
			}
		}
		return points;
	}

	private static long ceilDiv(long dividend, long divisor) {
		return -Math.floorDiv(-dividend, divisor);
	}

}
