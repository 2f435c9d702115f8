package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How fast the load behind a target-tracking metric is moving. The metric of such a policy is per
 * instance (average CPU, requests per target): it falls when instances join even while the load
 * rises, so its own slope says little in the middle of a scale-out. Each datapoint is therefore
 * weighed by the instances that produced it, the load it implies, and the slope of that load is the
 * Theil–Sen estimate, the median of the slopes between every pair of datapoints, which one noisy
 * datapoint cannot move.
 */
final class Trend {

	/** The newest datapoints the slope is fitted to. */
	static final int DATAPOINTS = 5;

	/** Fewer points than this are not a trend. */
	private static final int MINIMUM = 3;

	private Trend() {
	}

	/**
	 * The slope of the load, in metric units per second on the currently measured instances, or
	 * empty when too few datapoints can be weighed. Only datapoints after the last scale-in count:
	 * the instances removed since are no longer in the fleet to say what produced the older ones.
	 */
	static OptionalDouble slope(MetricWindow window, FleetState fleet, Duration warmup, History history, Instant now,
			int measuredNow) {
		Instant since = lastScaleIn(history);
		Duration period = window.query().period();
		List<Datapoint> datapoints = window.datapoints();
		List<Load> loads = new ArrayList<>();
		for (Datapoint datapoint : datapoints.subList(Math.max(0, datapoints.size() - DATAPOINTS), datapoints.size())) {
			long second = datapoint.timestamp().getEpochSecond();
			if ((since != null && datapoint.timestamp().isBefore(since))
					|| (!loads.isEmpty() && loads.getLast().second == second)) {
				continue;
			}
			Instant produced = datapoint.timestamp().plus(period);
			int instances = WarmUp.measuredCapacity(fleet, warmup, produced.isAfter(now) ? now : produced);
			if (instances > 0) {
				loads.add(new Load(second, datapoint.value() * instances));
			}
		}
		if (loads.size() < MINIMUM) {
			return OptionalDouble.empty();
		}
		return OptionalDouble.of(median(pairwiseSlopes(loads)) / measuredNow);
	}

	private static Instant lastScaleIn(History history) {
		Instant last = null;
		for (History.PastAction action : history.actions()) {
			if (action.to() < action.from() && (last == null || action.at().isAfter(last))) {
				last = action.at();
			}
		}
		return last;
	}

	private static double[] pairwiseSlopes(List<Load> loads) {
		double[] slopes = new double[loads.size() * (loads.size() - 1) / 2];
		int n = 0;
		for (int i = 0; i < loads.size(); i++) {
			for (int j = i + 1; j < loads.size(); j++) {
				Load earlier = loads.get(i);
				Load later = loads.get(j);
				slopes[n++] = (later.value - earlier.value) / (later.second - earlier.second);
			}
		}
		return slopes;
	}

	private static double median(double[] values) {
		Arrays.sort(values);
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	/** A datapoint's value times the instances that produced it, at the start of its period. */
	private record Load(long second, double value) {
	}

}
