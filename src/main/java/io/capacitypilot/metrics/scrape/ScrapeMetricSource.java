package io.capacitypilot.metrics.scrape;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.ScrapeQuery;
import io.capacitypilot.metrics.InstanceLoads;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSource;
import io.capacitypilot.metrics.MetricSourceMonitor;
import io.micrometer.core.instrument.Timer;

/**
 * Answers {@link ScrapeQuery scrape queries} by reading the Micrometer endpoints of a group's
 * instances directly, with no Prometheus in between. Each tick every instance of a due group is
 * scraped once, whatever number of queries the group has; counters become per-second rates since
 * the previous tick's scrape; the values of the instances are aggregated into one datapoint,
 * stamped with the time of the scrape. The source keeps those datapoints to fill the look-back.
 * <p>
 * An instance that does not answer is missing, never zero: the others are aggregated without it,
 * except for {@code sum}, which is unknown without every term. When no instance has a value the
 * window fails. When every instance suddenly reports exactly zero after a positive value, the
 * window fails as a suspected telemetry failure (a broken exporter, a renamed metric) until the
 * zeros have lasted {@code zeroDropConfirmation}: an idle service and a blind one look the same for
 * a while, and only one of them should be scaled in.
 * <p>
 * The values of the instances before aggregation are kept too, from the latest scrape only, for
 * {@code least-loaded} scale-in to choose its victims by.
 */
public class ScrapeMetricSource implements MetricSource, InstanceLoads {

	// Queries no policy has asked for in this long belong to deleted policies; forget them.
	private static final Duration FORGET_AFTER = Duration.ofHours(1);

	// The scrape of each tick comes just before the group's evaluation, so a latest scrape older than
	// a few periods means the recent ones failed: the instances' load then is anybody's guess.
	private static final int FRESH_FOR_PERIODS = 3;

	private final InstanceAddresses addresses;

	private final Scraper scraper;

	private final Duration zeroDropConfirmation;

	private final MetricSourceMonitor monitor;

	private final CounterRates rates = new CounterRates();

	private final Map<ScrapeQuery, QueryHistory> histories = new ConcurrentHashMap<>();

	private final Map<ScrapeQuery, LatestLoads> loads = new ConcurrentHashMap<>();

	ScrapeMetricSource(InstanceAddresses addresses, Scraper scraper, Duration zeroDropConfirmation,
			MetricSourceMonitor monitor) {
		this.addresses = addresses;
		this.scraper = scraper;
		this.zeroDropConfirmation = zeroDropConfirmation;
		this.monitor = monitor;
	}

	@Override
	public boolean supports(MetricQuery query) {
		return query instanceof ScrapeQuery;
	}

	@Override
	public synchronized Map<MetricQuery, MetricWindow> fetch(Collection<MetricRequest> requests, Instant now) {
		Timer.Sample sample = this.monitor.start();
		Map<MetricQuery, MetricWindow> windows = new HashMap<>();
		Map<String, List<MetricRequest>> byGroup = new LinkedHashMap<>();
		for (MetricRequest request : requests) {
			if (request.query() instanceof ScrapeQuery query) {
				if (query.group() == null) {
					windows.put(query, MetricWindow.failed(query, now, "the scrape query is not bound to a group"));
				}
				else {
					byGroup.computeIfAbsent(query.group(), (group) -> new ArrayList<>()).add(request);
				}
			}
		}
		Map<String, List<InstanceEndpoint>> instances = new LinkedHashMap<>();
		byGroup.forEach((group, share) -> {
			try {
				instances.put(group, this.addresses.of(group));
			}
			catch (RuntimeException ex) {
				share.forEach((request) -> windows.put(request.query(), MetricWindow.failed(request.query(), now,
						"could not find the instances of group " + group + ": " + ex.getMessage())));
			}
		});
		Set<String> names = new HashSet<>();
		byGroup.values()
			.forEach((share) -> share.forEach((request) -> names.add(((ScrapeQuery) request.query()).metricName())));
		Map<URI, Scraper.Result> scraped = this.scraper.scrape(
				instances.values().stream().flatMap(List::stream).map(InstanceEndpoint::url).distinct().toList(),
				names::contains);
		recordReachability(scraped);
		Map<URI, List<Sample>> readings = new HashMap<>();
		scraped.forEach((instance, result) -> {
			if (result.answered()) {
				readings.put(instance, this.rates.rates(instance, result.samples(), now));
			}
		});
		instances.forEach((group, endpoints) -> byGroup.get(group)
			.forEach((request) -> windows.put(request.query(), window(request, endpoints, scraped, readings, now))));
		this.rates.forgetOlderThan(now);
		this.histories.values().removeIf((history) -> history.unusedSince(now.minus(FORGET_AFTER)));
		this.loads.values().removeIf((latest) -> latest.at().isBefore(now.minus(FORGET_AFTER)));
		windows.values().forEach((window) -> this.monitor.answered(sample, window, now));
		return windows;
	}

	@Override
	public Map<String, Double> latest(ScrapeQuery query, Instant now) {
		LatestLoads latest = this.loads.get(query);
		if (latest == null || latest.at().isBefore(now.minus(query.period().multipliedBy(FRESH_FOR_PERIODS)))) {
			return Map.of();
		}
		return latest.byInstance();
	}

	private MetricWindow window(MetricRequest request, List<InstanceEndpoint> endpoints,
			Map<URI, Scraper.Result> scraped, Map<URI, List<Sample>> readings, Instant now) {
		ScrapeQuery query = (ScrapeQuery) request.query();
		Aggregation aggregation;
		try {
			aggregation = Aggregation.parse(query.aggregation());
		}
		catch (IllegalArgumentException ex) {
			return MetricWindow.failed(query, now, ex.getMessage());
		}
		if (endpoints.isEmpty()) {
			return MetricWindow.failed(query, now, "group " + query.group() + " has no instances to scrape");
		}
		List<Double> values = new ArrayList<>();
		Map<String, Double> byInstance = new HashMap<>();
		List<String> missing = new ArrayList<>();
		for (InstanceEndpoint endpoint : endpoints) {
			Double value = valueOf(query, readings.get(endpoint.url()));
			if (value != null) {
				values.add(value);
				if (endpoint.instanceId() != null) {
					byInstance.put(endpoint.instanceId(), value);
				}
			}
			else {
				String error = scraped.get(endpoint.url()).error();
				String why = (error != null) ? error : "no value of " + query.metricName() + " yet";
				missing.add(endpoint.url() + " (" + why + ")");
			}
		}
		this.loads.put(query, new LatestLoads(now, Map.copyOf(byInstance)));
		if (values.isEmpty()) {
			return MetricWindow.failed(query, now, "no instance of " + endpoints.size() + " gave a value: " + missing);
		}
		if (aggregation.needsEveryInstance() && !missing.isEmpty()) {
			return MetricWindow.failed(query, now, query.aggregation() + " over " + endpoints.size()
					+ " instances is unknown while " + missing.size() + " are missing: " + missing);
		}
		double aggregated = aggregation.of(values.stream().mapToDouble(Double::doubleValue).toArray());
		boolean allZero = values.stream().allMatch((value) -> value == 0.0);
		return this.histories.computeIfAbsent(query, (key) -> new QueryHistory())
			.add(query, new Datapoint(now, aggregated), allZero, request.lookback(), now);
	}

	/**
	 * The instance's value: the sum of every series of the metric with the query's labels (a
	 * request counter has one series per URI and status; the query narrows them with labels), or
	 * {@code null} when the instance did not answer or has no such series (yet).
	 */
	private static Double valueOf(ScrapeQuery query, List<Sample> samples) {
		if (samples == null) {
			return null;
		}
		List<Sample> matching = samples.stream().filter((s) -> s.matches(query.metricName(), query.labels())).toList();
		if (matching.isEmpty() || matching.stream().anyMatch((s) -> !Double.isFinite(s.value()))) {
			return null;
		}
		return matching.stream().mapToDouble(Sample::value).sum();
	}

	private void recordReachability(Map<URI, Scraper.Result> scraped) {
		if (scraped.isEmpty()) {
			return;
		}
		long failed = scraped.values().stream().filter((result) -> !result.answered()).count();
		this.monitor.called(scraped.size() - failed, failed);
		if (failed == scraped.size()) {
			this.monitor.unreachable("none of " + scraped.size() + " instances answered, e.g. "
					+ scraped.values().iterator().next().error());
		}
		else {
			this.monitor.reachable();
		}
	}

	/** Each instance's value of one query in the latest scrape, by instance id. */
	private record LatestLoads(Instant at, Map<String, Double> byInstance) {
	}

	/** The datapoints kept for one query, and whether a drop to zero is still under suspicion. */
	private final class QueryHistory {

		private final Deque<Datapoint> datapoints = new ArrayDeque<>();

		private Instant zeroSince;

		private Instant lastAsked;

		boolean unusedSince(Instant cutoff) {
			return this.lastAsked.isBefore(cutoff);
		}

		MetricWindow add(ScrapeQuery query, Datapoint datapoint, boolean allZero, Duration lookback, Instant now) {
			this.lastAsked = now;
			Datapoint previous = this.datapoints.peekLast();
			if (allZero && this.zeroSince == null && previous != null && previous.value() > 0) {
				this.zeroSince = now;
			}
			if (!allZero) {
				this.zeroSince = null;
			}
			if (this.zeroSince != null && Duration.between(this.zeroSince, now).compareTo(zeroDropConfirmation) < 0) {
				return MetricWindow.failed(query, now,
						"suspected telemetry failure: all instances dropped to 0 (the value before was "
								+ ((previous != null) ? previous.value() : "unknown") + "); zeros are believed after "
								+ zeroDropConfirmation + " of them");
			}
			this.datapoints.addLast(datapoint);
			Instant oldest = now.minus(lookback.compareTo(query.period()) > 0 ? lookback : query.period());
			while (this.datapoints.peekFirst().timestamp().isBefore(oldest)) {
				this.datapoints.removeFirst();
			}
			return MetricWindow.of(query, List.copyOf(this.datapoints), now);
		}

	}

}
