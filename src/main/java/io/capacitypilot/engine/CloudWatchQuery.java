package io.capacitypilot.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A CloudWatch metric: either a plain metric statistic ({@code namespace}, {@code metricName},
 * {@code dimensions}, {@code statistic} such as {@code Average} or {@code p90}) or, when
 * {@code expression} is set, a metric-math expression passed through to CloudWatch.
 *
 * @param region the region whose CloudWatch holds the metric, normally the group's own. It is part
 * of the query because the same metric in two regions is two signals (an ASG of one name in each),
 * and the control loop fetches each distinct query once per tick, across groups; {@code null} means
 * the service's default region
 * @param roleArn the IAM role through which the metric's account is read: the group's, for a group in
 * another account (the same metric in two accounts is two signals, as in two regions); {@code null}
 * for the service's own account
 */
public record CloudWatchQuery(String namespace, String metricName, Map<String, String> dimensions, String statistic,
		Duration period, String expression, String region, String roleArn) implements MetricQuery {

	public CloudWatchQuery {
		Objects.requireNonNull(period, "period");
		dimensions = (dimensions != null) ? Map.copyOf(dimensions) : Map.of();
	}

	public CloudWatchQuery(String namespace, String metricName, Map<String, String> dimensions, String statistic,
			Duration period, String expression) {
		this(namespace, metricName, dimensions, statistic, period, expression, null, null);
	}

	public CloudWatchQuery(String namespace, String metricName, Map<String, String> dimensions, String statistic,
			Duration period, String expression, String region) {
		this(namespace, metricName, dimensions, statistic, period, expression, region, null);
	}

	public CloudWatchQuery(String namespace, String metricName, Map<String, String> dimensions, String statistic,
			Duration period) {
		this(namespace, metricName, dimensions, statistic, period, null, null, null);
	}

	/** This query, read from the given region's CloudWatch. */
	public CloudWatchQuery inRegion(String region) {
		return new CloudWatchQuery(this.namespace, this.metricName, this.dimensions, this.statistic, this.period,
				this.expression, region, this.roleArn);
	}

}
