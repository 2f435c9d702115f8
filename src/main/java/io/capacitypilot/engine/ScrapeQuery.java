package io.capacitypilot.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A metric read directly from the Micrometer {@code /actuator/prometheus} endpoints of a group's
 * instances and aggregated across them ({@code avg}, {@code sum}, {@code max}, {@code p90}...).
 *
 * @param group the managed group whose instances are scraped, normally the policy's own group. It is
 * part of the query because the same metric of two groups is two different signals, and the
 * control loop fetches each distinct query once per tick, across groups.
 */
public record ScrapeQuery(String metricName, Map<String, String> labels, String aggregation, Duration period,
		String group) implements MetricQuery {

	public ScrapeQuery {
		Objects.requireNonNull(metricName, "metricName");
		Objects.requireNonNull(period, "period");
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
		aggregation = (aggregation != null) ? aggregation : "avg";
	}

	public ScrapeQuery(String metricName, Map<String, String> labels, String aggregation, Duration period) {
		this(metricName, labels, aggregation, period, null);
	}

	/** This query, reading the instances of the given group. */
	public ScrapeQuery forGroup(String group) {
		return new ScrapeQuery(this.metricName, this.labels, this.aggregation, this.period, group);
	}

}
