package io.capacitypilot.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;

/**
 * Every configured {@link MetricSource} behind one call: requests are de-duplicated (one query
 * shared by many policies is fetched once, with the longest look-back asked for) and routed to the
 * source that supports them, so each source can batch its share of the tick.
 */
public class MetricSources {

	private final List<MetricSource> sources;

	public MetricSources(List<MetricSource> sources) {
		this.sources = List.copyOf(sources);
	}

	public Map<MetricQuery, MetricWindow> fetch(Collection<MetricRequest> requests, Instant now) {
		Map<MetricSource, List<MetricRequest>> bySource = new LinkedHashMap<>();
		Map<MetricQuery, MetricWindow> windows = new HashMap<>();
		for (MetricRequest request : deduplicate(requests)) {
			MetricSource source = sourceFor(request.query());
			if (source == null) {
				windows.put(request.query(), MetricWindow.failed(request.query(), now,
						"no metric source is configured for " + request.query().getClass().getSimpleName()));
			}
			else {
				bySource.computeIfAbsent(source, (key) -> new ArrayList<>()).add(request);
			}
		}
		bySource.forEach((source, share) -> windows.putAll(fetchFrom(source, share, now)));
		return windows;
	}

	private Map<MetricQuery, MetricWindow> fetchFrom(MetricSource source, List<MetricRequest> share, Instant now) {
		try {
			Map<MetricQuery, MetricWindow> answered = new HashMap<>(source.fetch(share, now));
			// A source that leaves a query out has not answered it: unknown, never zero.
			share.forEach((request) -> answered.computeIfAbsent(request.query(),
					(query) -> MetricWindow.failed(query, now, "the metric source returned no answer")));
			return answered;
		}
		catch (RuntimeException ex) {
			Map<MetricQuery, MetricWindow> failed = new HashMap<>();
			share.forEach((request) -> failed.put(request.query(),
					MetricWindow.failed(request.query(), now, "metric source failed: " + ex.getMessage())));
			return failed;
		}
	}

	private MetricSource sourceFor(MetricQuery query) {
		return this.sources.stream().filter((source) -> source.supports(query)).findFirst().orElse(null);
	}

	private static Collection<MetricRequest> deduplicate(Collection<MetricRequest> requests) {
		Map<MetricQuery, Duration> longest = new LinkedHashMap<>();
		requests.forEach((request) -> longest.merge(request.query(), request.lookback(),
				(a, b) -> (a.compareTo(b) >= 0) ? a : b));
		return longest.entrySet().stream().map((entry) -> new MetricRequest(entry.getKey(), entry.getValue())).toList();
	}

}
