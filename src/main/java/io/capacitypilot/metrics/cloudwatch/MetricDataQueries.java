package io.capacitypilot.metrics.cloudwatch;

import java.util.Set;
import java.util.regex.Pattern;

import io.capacitypilot.engine.CloudWatchQuery;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

import org.springframework.util.StringUtils;

/**
 * Turns a {@link CloudWatchQuery} into one GetMetricData query, refusing locally what CloudWatch
 * would refuse: CloudWatch rejects a whole call for one bad query, which would blind every other
 * group batched into it.
 */
final class MetricDataQueries {

	// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
	private static final Pattern STATISTIC = Pattern.compile("SampleCount|Average|Sum|Minimum|Maximum|IQM"
			+ "|(p|tm|wm|tc|ts)\\d{1,2}(\\.\\d+)?|(TM|WM|TC|TS|PR)\\(.+\\)");

	// High-resolution metrics can be read at 1, 5, 10 and 30 s; every other period is whole minutes.
	private static final Set<Long> SUB_MINUTE_PERIODS = Set.of(1L, 5L, 10L, 30L);

	private MetricDataQueries() {
	}

	/**
	 * The query under the given id.
	 * @throws IllegalArgumentException if CloudWatch would reject it
	 */
	static MetricDataQuery of(String id, CloudWatchQuery query) {
		int period = period(query);
		if (StringUtils.hasText(query.expression())) {
			// Passed through as written: a Metrics Insights query or SEARCH expression, which needs
			// no other query of the call (the ids of a call are ours, not the user's).
			return MetricDataQuery.builder().id(id).expression(query.expression()).period(period).build();
		}
		if (!StringUtils.hasText(query.namespace()) || !StringUtils.hasText(query.metricName())) {
			throw new IllegalArgumentException("a CloudWatch query needs a namespace and a metric name, or an expression");
		}
		if (query.statistic() == null || !STATISTIC.matcher(query.statistic()).matches()) {
			throw new IllegalArgumentException("'" + query.statistic() + "' is not a CloudWatch statistic "
					+ "(Average, Sum, Minimum, Maximum, SampleCount, or a percentile such as p90)");
		}
		return MetricDataQuery.builder()
			.id(id)
			.metricStat((stat) -> stat.metric((metric) -> metric.namespace(query.namespace())
				.metricName(query.metricName())
				.dimensions(query.dimensions()
					.entrySet()
					.stream()
					.map((dimension) -> Dimension.builder().name(dimension.getKey()).value(dimension.getValue()).build())
					.toList()))
				.stat(query.statistic())
				.period(period))
			.build();
	}

	private static int period(CloudWatchQuery query) {
		long seconds = query.period().toSeconds();
		if (query.period().toMillis() % 1000 != 0 || seconds <= 0
				|| (seconds < 60 && !SUB_MINUTE_PERIODS.contains(seconds)) || (seconds >= 60 && seconds % 60 != 0)) {
			throw new IllegalArgumentException("a CloudWatch period is 1, 5, 10, 30 seconds or a multiple of 60 seconds, not "
					+ query.period());
		}
		return Math.toIntExact(seconds);
	}

}
