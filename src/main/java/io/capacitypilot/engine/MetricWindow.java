package io.capacitypilot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The datapoints a source returned for one query, oldest first, and whether the source failed.
 * A failed or empty window is "unknown" to the engine, never zero.
 *
 * @param query the query answered
 * @param datapoints the datapoints, sorted by timestamp
 * @param fetchedAt when the source was asked
 * @param error why the source could not answer, or {@code null}
 */
public record MetricWindow(MetricQuery query, List<Datapoint> datapoints, Instant fetchedAt, String error) {

	public MetricWindow {
		datapoints = (datapoints != null)
				? datapoints.stream().sorted(Comparator.comparing(Datapoint::timestamp)).toList() : List.of();
	}

	public static MetricWindow of(MetricQuery query, List<Datapoint> datapoints, Instant fetchedAt) {
		return new MetricWindow(query, datapoints, fetchedAt, null);
	}

	public static MetricWindow failed(MetricQuery query, Instant fetchedAt, String error) {
		return new MetricWindow(query, List.of(), fetchedAt, error);
	}

	public boolean failed() {
		return this.error != null;
	}

	public Optional<Datapoint> latest() {
		return this.datapoints.isEmpty() ? Optional.empty() : Optional.of(this.datapoints.getLast());
	}

	/**
	 * Whether the newest datapoint is too old to act on: older than three periods, as CloudWatch
	 * alarms treat a metric with no recent data.
	 */
	public boolean isStale(Instant now) {
		if (this.datapoints.isEmpty()) {
			return true;
		}
		Duration period = this.query.period();
		return this.datapoints.getLast().timestamp().plus(period).plus(period).plus(period).isBefore(now);
	}

}
