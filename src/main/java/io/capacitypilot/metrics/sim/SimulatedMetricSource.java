package io.capacitypilot.metrics.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.fleet.sim.LoadSample;
import io.capacitypilot.fleet.sim.SimulatedFleet;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSource;

/**
 * The CloudWatch metrics a simulated group would have, answered from the simulation itself, by
 * {@code AutoScalingGroupName}: {@code AWS/EC2 CPUUtilization} (percent, average) and
 * {@code RequestCount} (requests per period, sum), and {@code AWS/AutoScaling
 * GroupInServiceInstances} (average). As in CloudWatch, datapoints are stamped with the start of their
 * period, periods are aligned to the epoch, and only complete periods are returned; each is the
 * mean of evenly spaced samples of the group's recorded history, so the same question always gets
 * the same answer.
 */
public class SimulatedMetricSource implements MetricSource {

	private static final String GROUP_DIMENSION = "AutoScalingGroupName";

	private static final int SAMPLES_PER_PERIOD = 12;

	private final SimulatedFleet fleet;

	public SimulatedMetricSource(SimulatedFleet fleet) {
		this.fleet = fleet;
	}

	@Override
	public boolean supports(MetricQuery query) {
		return query instanceof CloudWatchQuery cloudWatch && cloudWatch.expression() == null
				&& Metric.named(cloudWatch) != null && cloudWatch.dimensions().keySet().equals(Set.of(GROUP_DIMENSION));
	}

	@Override
	public Map<MetricQuery, MetricWindow> fetch(Collection<MetricRequest> requests, Instant now) {
		Map<MetricQuery, MetricWindow> windows = new HashMap<>();
		for (MetricRequest request : requests) {
			MetricQuery query = request.query();
			windows.put(query, supports(query) ? window((CloudWatchQuery) query, request.lookback(), now)
					: MetricWindow.failed(query, now, "the simulation has no such metric"));
		}
		return windows;
	}

	private MetricWindow window(CloudWatchQuery query, Duration lookback, Instant now) {
		Metric metric = Metric.named(query);
		String group = query.dimensions().get(GROUP_DIMENSION);
		long period = query.period().toMillis();
		long earliest = Math.max(now.minus(lookback).toEpochMilli(), this.fleet.sampledSince(now).toEpochMilli());
		List<Datapoint> datapoints = new ArrayList<>();
		for (long start = ceilTo(earliest, period); start + period <= now.toEpochMilli(); start += period) {
			double sum = 0;
			for (int i = 0; i < SAMPLES_PER_PERIOD; i++) {
				Instant at = Instant.ofEpochMilli(start + (2 * i + 1) * period / (2 * SAMPLES_PER_PERIOD));
				sum += metric.value.applyAsDouble(this.fleet.sample(group, at));
			}
			double mean = sum / SAMPLES_PER_PERIOD;
			datapoints.add(new Datapoint(Instant.ofEpochMilli(start), metric.perPeriod ? mean * period / 1000 : mean));
		}
		return MetricWindow.of(query, datapoints, now);
	}

	private static long ceilTo(long millis, long step) {
		return Math.floorDiv(millis + step - 1, step) * step;
	}

	/** The metrics the simulation answers, with the statistic each is asked with. */
	private enum Metric {

		CPU_UTILIZATION("AWS/EC2", "CPUUtilization", "Average", false, LoadSample::cpuUtilization),

		REQUEST_COUNT("AWS/EC2", "RequestCount", "Sum", true, LoadSample::requestsPerSecond),

		IN_SERVICE_INSTANCES("AWS/AutoScaling", "GroupInServiceInstances", "Average", false,
				LoadSample::servingInstances);

		private final String namespace;

		private final String name;

		private final String statistic;

		/** The value is a rate to be summed over the period rather than averaged. */
		private final boolean perPeriod;

		private final ToDoubleFunction<LoadSample> value;

		Metric(String namespace, String name, String statistic, boolean perPeriod, ToDoubleFunction<LoadSample> value) {
			this.namespace = namespace;
			this.name = name;
			this.statistic = statistic;
			this.perPeriod = perPeriod;
			this.value = value;
		}

		static Metric named(CloudWatchQuery query) {
			for (Metric metric : values()) {
				if (metric.namespace.equals(query.namespace()) && metric.name.equals(query.metricName())
						&& metric.statistic.equalsIgnoreCase(query.statistic())) {
					return metric;
				}
			}
			return null;
		}

	}

}
