package io.capacitypilot.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A CloudWatch metric: either a plain metric statistic ({@code namespace}, {@code metricName},
 * {@code dimensions}, {@code statistic} such as {@code Average} or {@code p90}) or, when
 * {@code expression} is set, a metric-math expression passed through to CloudWatch.
 */
public record CloudWatchQuery(String namespace, String metricName, Map<String, String> dimensions, String statistic,
		Duration period, String expression) implements MetricQuery {

	public CloudWatchQuery {
		Objects.requireNonNull(period, "period");
		dimensions = (dimensions != null) ? Map.copyOf(dimensions) : Map.of();
	}

	public CloudWatchQuery(String namespace, String metricName, Map<String, String> dimensions, String statistic,
			Duration period) {
		this(namespace, metricName, dimensions, statistic, period, null);
	}

}
