package io.capacitypilot.metrics.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.capacitypilot.engine.CloudWatchQuery;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSource;
import io.capacitypilot.metrics.MetricSourceMonitor;
import io.micrometer.core.instrument.Timer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * CloudWatch metrics through GetMetricData. Every query of a tick, across all groups, goes into as
 * few calls as CloudWatch allows: at most {@value #MAX_QUERIES_PER_CALL} queries a call, so a tick of
 * {@code n} distinct queries costs {@code ceil(n / 500)} calls (more only when CloudWatch pages a
 * large answer) in each region and account read. Queries are batched in order of look-back; a call spans the
 * longest look-back of its queries, and each window keeps only its own.
 */
public class CloudWatchMetricSource implements MetricSource {

	/** GetMetricData's limit, which emulators do not enforce: we do. */
	public static final int MAX_QUERIES_PER_CALL = 500;

	private final BiFunction<String, String, CloudWatchClient> clients;

	private final MetricSourceMonitor monitor;

	/**
	 * @param clients the CloudWatch client of a region ({@code null} for the service's default region)
	 * and IAM role ({@code null} for the service's own credentials)
	 */
	public CloudWatchMetricSource(BiFunction<String, String, CloudWatchClient> clients, MetricSourceMonitor monitor) {
		this.clients = clients;
		this.monitor = monitor;
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
				MetricWindow rejected = MetricWindow.failed(query, now, ex.getMessage());
				this.monitor.answered(this.monitor.start(), rejected, now);
				windows.put(query, rejected);
			}
		});
		// Queries of similar look-back share a call: one that needs two weeks of history (predictive
		// policies) would otherwise make CloudWatch return two weeks for all 500, paged into many calls.
		batchable.sort(Comparator.comparing(Batched::lookback));
		Map<Account, List<Batched>> byAccount = new LinkedHashMap<>();
		batchable.forEach((batched) -> byAccount
			.computeIfAbsent(new Account(batched.query().region(), batched.query().roleArn()),
					(account) -> new ArrayList<>())
			.add(batched));
		byAccount.forEach((account, queries) -> {
			CloudWatchClient cloudWatch = this.clients.apply(account.region(), account.roleArn());
			for (int from = 0; from < queries.size(); from += MAX_QUERIES_PER_CALL) {
				windows.putAll(fetchCall(cloudWatch,
						queries.subList(from, Math.min(from + MAX_QUERIES_PER_CALL, queries.size())), now));
			}
		});
		return windows;
	}

	private Map<MetricQuery, MetricWindow> fetchCall(CloudWatchClient cloudWatch, List<Batched> call, Instant now) {
		Duration longest = call.stream().map(Batched::lookback).max(Duration::compareTo).orElseThrow();
		Timer.Sample sample = this.monitor.start();
		MetricDataAnswers answers = new MetricDataAnswers();
		Map<MetricQuery, MetricWindow> windows = new HashMap<>();
		try {
			// The paginator follows NextToken: one call unless CloudWatch splits a large answer.
			for (GetMetricDataResponse page : cloudWatch.getMetricDataPaginator((request) -> request
				.metricDataQueries(call.stream().map(Batched::wire).toList())
				.startTime(now.minus(longest))
				.endTime(now)
				.scanBy(ScanBy.TIMESTAMP_ASCENDING))) {
				page.metricDataResults().forEach(answers::add);
			}
			this.monitor.reachable();
			call.forEach((batched) -> windows.put(batched.query(),
					answers.window(batched.wire().id(), batched.query(), now.minus(batched.lookback()), now)));
		}
		catch (SdkException ex) {
			String error = "GetMetricData failed: " + ex.getMessage();
			this.monitor.unreachable(error);
			call.forEach((batched) -> windows.put(batched.query(), MetricWindow.failed(batched.query(), now, error)));
		}
		windows.values().forEach((window) -> this.monitor.answered(sample, window, now));
		return windows;
	}

	// One query shared by many policies (or groups) is asked once, reaching as far back as the
	// longest of them needs.
	private static Map<CloudWatchQuery, Duration> longestLookbacks(Collection<MetricRequest> requests) {
		Map<CloudWatchQuery, Duration> longest = new LinkedHashMap<>();
		requests.forEach((request) -> longest.merge((CloudWatchQuery) request.query(), request.lookback(),
				(a, b) -> (a.compareTo(b) >= 0) ? a : b));
		return longest;
	}

	/** Where a call goes, and as whom: one GetMetricData call never mixes regions or accounts. */
	private record Account(String region, String roleArn) {
	}

	private record Batched(CloudWatchQuery query, Duration lookback, MetricDataQuery wire) {
	}

}
