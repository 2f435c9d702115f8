package io.capacitypilot.metrics.cloudwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * What the pages of one GetMetricData call said about each query id. A query's datapoints may span
 * several pages (status {@code PartialData}); a query that failed, or an expression that returned
 * several time series, gets a failed window rather than a misleading one.
 */
class MetricDataAnswers {

	private final Map<String, List<Datapoint>> datapoints = new HashMap<>();

	private final Map<String, Set<String>> labels = new HashMap<>();

	private final Map<String, String> errors = new HashMap<>();

	void add(MetricDataResult result) {
		String id = result.id();
		if (result.statusCode() == StatusCode.INTERNAL_ERROR || result.statusCode() == StatusCode.FORBIDDEN) {
			this.errors.put(id, "CloudWatch answered " + result.statusCodeAsString() + messages(result));
			return;
		}
		// Pages of one series repeat its label; a SEARCH expression yields one result per series.
		this.labels.computeIfAbsent(id, (key) -> new LinkedHashSet<>()).add(String.valueOf(result.label()));
		List<Datapoint> collected = this.datapoints.computeIfAbsent(id, (key) -> new ArrayList<>());
		for (int i = 0; i < result.timestamps().size(); i++) {
			collected.add(new Datapoint(result.timestamps().get(i), result.values().get(i)));
		}
	}

	/** The window of the query sent under {@code id}, keeping the datapoints from {@code from} on. */
	MetricWindow window(String id, MetricQuery query, Instant from, Instant now) {
		if (this.errors.containsKey(id)) {
			return MetricWindow.failed(query, now, this.errors.get(id));
		}
		Set<String> series = this.labels.getOrDefault(id, Set.of());
		if (series.size() > 1) {
			return MetricWindow.failed(query, now, "the expression returned " + series.size() + " time series "
					+ series + "; aggregate them into one, e.g. SUM(SEARCH(...))");
		}
		return MetricWindow.of(query, this.datapoints.getOrDefault(id, List.of())
			.stream()
			.filter((datapoint) -> !datapoint.timestamp().isBefore(from))
			.toList(), now);
	}

	private static String messages(MetricDataResult result) {
		return result.messages().isEmpty() ? ""
				: ": " + String.join("; ", result.messages().stream().map(MessageData::value).toList());
	}

}
