package io.capacitypilot.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A metric read directly from the Micrometer {@code /actuator/prometheus} endpoints of a group's
 * instances and aggregated across them ({@code avg}, {@code sum}, {@code max}, {@code p90}...).
 */
public record ScrapeQuery(String metricName, Map<String, String> labels, String aggregation, Duration period)
		implements MetricQuery {

	public ScrapeQuery {
		Objects.requireNonNull(metricName, "metricName");
		Objects.requireNonNull(period, "period");
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
		aggregation = (aggregation != null) ? aggregation : "avg";
	}

}
