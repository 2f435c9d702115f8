package io.capacitypilot.metrics.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * CloudWatch metrics through GetMetricData. Every query of a tick, across all groups, goes into as
 * few calls as CloudWatch allows: at most {@value #MAX_QUERIES_PER_CALL} queries a call, so a tick of
 * {@code n} distinct queries costs {@code ceil(n / 500)} calls (more only when CloudWatch pages a
 * large answer). A call spans the longest look-back of its queries; each window keeps only its own.
 */
public class CloudWatchMetricSource implements MetricSource {

	/** GetMetricData's limit, which emulators do not enforce: we do. */
	public static final int MAX_QUERIES_PER_CALL = 500;

	private final CloudWatchClient cloudWatch;

	public CloudWatchMetricSource(CloudWatchClient cloudWatch) {
		this.cloudWatch = cloudWatch;
	}

	@Override
	public boolean supports(MetricQuery query) {
		return query instanceof CloudWatchQuery;
	}

	@Override
	public Map<MetricQuery, MetricWindow> fetch(Collection<MetricRequest> requests, Instant now) {
		Map<MetricQuery, MetricWindow> windows = new HashMap<>();
		List<Batched> batchable = new ArrayList<>();
		longestLookbacks(requests).forEach((query, lookback) -> {
			try {
				batchable.add(new Batched(query, lookback, MetricDataQueries.of("q" + batchable.size(), query)));
			}
			catch (IllegalArgumentException ex) {
				windows.put(query, MetricWindow.failed(query, now, ex.getMessage()));
			}
		});
		for (int from = 0; from < batchable.size(); from += MAX_QUERIES_PER_CALL) {
			windows.putAll(fetchCall(batchable.subList(from, Math.min(from + MAX_QUERIES_PER_CALL, batchable.size())), now));
		}
		return windows;
	}

	private Map<MetricQuery, MetricWindow> fetchCall(List<Batched> call, Instant now) {
		Duration longest = call.stream().map(Batched::lookback).max(Duration::compareTo).orElseThrow();
		Map<String, List<Datapoint>> datapoints = new HashMap<>();
		Map<String, String> errors = new HashMap<>();
		try {
			// The paginator follows NextToken: one call unless CloudWatch splits a large answer.
			for (GetMetricDataResponse page : this.cloudWatch.getMetricDataPaginator((request) -> request
				.metricDataQueries(call.stream().map(Batched::wire).toList())
				.startTime(now.minus(longest))
				.endTime(now)
				.scanBy(ScanBy.TIMESTAMP_ASCENDING))) {
				page.metricDataResults().forEach((result) -> collect(result, datapoints, errors));
			}
		}
		catch (SdkException ex) {
			Map<MetricQuery, MetricWindow> failed = new HashMap<>();
			call.forEach((batched) -> failed.put(batched.query(),
					MetricWindow.failed(batched.query(), now, "GetMetricData failed: " + ex.getMessage())));
			return failed;
		}
		Map<MetricQuery, MetricWindow> windows = new HashMap<>();
		for (Batched batched : call) {
			String id = batched.wire().id();
			Instant from = now.minus(batched.lookback());
			windows.put(batched.query(), errors.containsKey(id) ? MetricWindow.failed(batched.query(), now, errors.get(id))
					: MetricWindow.of(batched.query(), datapoints.getOrDefault(id, List.of())
						.stream()
						.filter((datapoint) -> !datapoint.timestamp().isBefore(from))
						.toList(), now));
		}
		return windows;
	}

	private static void collect(MetricDataResult result, Map<String, List<Datapoint>> datapoints,
			Map<String, String> errors) {
		if (result.statusCode() == StatusCode.INTERNAL_ERROR || result.statusCode() == StatusCode.FORBIDDEN) {
			errors.put(result.id(), "CloudWatch answered " + result.statusCodeAsString() + messages(result));
			return;
		}
		List<Datapoint> collected = datapoints.computeIfAbsent(result.id(), (id) -> new ArrayList<>());
		for (int i = 0; i < result.timestamps().size(); i++) {
			collected.add(new Datapoint(result.timestamps().get(i), result.values().get(i)));
		}
	}

	private static String messages(MetricDataResult result) {
		return result.messages().isEmpty() ? ""
				: ": " + String.join("; ", result.messages().stream().map(MessageData::value).toList());
	}

	// One query shared by many policies (or groups) is asked once, reaching as far back as the
	// longest of them needs.
	private static Map<CloudWatchQuery, Duration> longestLookbacks(Collection<MetricRequest> requests) {
		Map<CloudWatchQuery, Duration> longest = new LinkedHashMap<>();
		requests.forEach((request) -> longest.merge((CloudWatchQuery) request.query(), request.lookback(),
				(a, b) -> (a.compareTo(b) >= 0) ? a : b));
		return longest;
	}

	private record Batched(CloudWatchQuery query, Duration lookback, MetricDataQuery wire) {
	}

}
