package io.capacitypilot.metrics.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import io.capacitypilot.engine.Datapoint;
import io.capacitypilot.engine.MetricQuery;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.PrometheusQuery;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSource;
import io.capacitypilot.metrics.MetricSourceMonitor;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Answers {@link PrometheusQuery PromQL queries} through a Prometheus-compatible HTTP API
 * (Prometheus, Amazon Managed Service for Prometheus, Thanos, Mimir, VictoriaMetrics). A query
 * with a look-back of at least one period is a range query with the period as its step, aligned
 * to multiples of the step so that consecutive ticks see the same datapoints; a shorter look-back
 * is an instant query. The query must aggregate to one series: a policy scales one number, and
 * picking one series out of several would be a guess, so several series fail the window.
 */
public class PrometheusMetricSource implements MetricSource, AutoCloseable {

	private final URI baseUrl;

	private final Duration timeout;

	private final HttpClient client;

	private final PrometheusAuthentication authentication;

	private final JsonMapper json;

	private final MetricSourceMonitor monitor;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	// Enough to overlap slow queries without flooding the server when thousands of groups are due.
	private final Semaphore concurrentQueries = new Semaphore(16);

	PrometheusMetricSource(URI baseUrl, Duration timeout, HttpClient client, PrometheusAuthentication authentication,
			JsonMapper json, MetricSourceMonitor monitor) {
		this.baseUrl = baseUrl;
		this.timeout = timeout;
		this.client = client;
		this.authentication = authentication;
		this.json = json;
		this.monitor = monitor;
	}

	@Override
	public boolean supports(MetricQuery query) {
		return query instanceof PrometheusQuery;
	}

	@Override
	public Map<MetricQuery, MetricWindow> fetch(Collection<MetricRequest> requests, Instant now) {
		// Each query is one HTTP call; a tick's calls run side by side, so one slow query costs one timeout.
		Map<MetricQuery, Future<MetricWindow>> running = new LinkedHashMap<>();
		for (MetricRequest request : requests) {
			if (request.query() instanceof PrometheusQuery query) {
				running.put(query, this.executor.submit(() -> fetch(query, request.lookback(), now)));
			}
		}
		Map<MetricQuery, MetricWindow> windows = new HashMap<>();
		running.forEach((query, future) -> windows.put(query, join(query, future, now)));
		return windows;
	}

	private MetricWindow fetch(PrometheusQuery query, Duration lookback, Instant now) throws InterruptedException {
		this.concurrentQueries.acquire();
		try {
			Timer.Sample sample = this.monitor.start();
			MetricWindow window = query(query, lookback, now);
			this.monitor.answered(sample, window, now);
			return window;
		}
		finally {
			this.concurrentQueries.release();
		}
	}

	private MetricWindow query(PrometheusQuery query, Duration lookback, Instant now) {
		URI uri = uriFor(query, lookback, now);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.GET()
			.timeout(this.timeout)
			.header("Accept", "application/json");
		this.authentication.authenticate(uri, request);
		HttpResponse<String> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return unreachable(query, now, "Prometheus at " + this.baseUrl + " could not be reached: " + describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return MetricWindow.failed(query, now, "interrupted while querying Prometheus");
		}
		return read(query, response, now);
	}

	private MetricWindow read(PrometheusQuery query, HttpResponse<String> response, Instant now) {
		JsonNode body;
		try {
			body = this.json.readTree(response.body());
		}
		catch (JacksonException ex) {
			return unreachable(query, now, "Prometheus answered HTTP " + response.statusCode() + " with no JSON");
		}
		// 400 and 422 are Prometheus's answers to a bad or failing query: the server itself works.
		int status = response.statusCode();
		if (status != 200 && status != 400 && status != 422) {
			return unreachable(query, now, "Prometheus answered HTTP " + status + errorOf(body));
		}
		this.monitor.called(1, 0);
		this.monitor.reachable();
		if (!"success".equals(body.path("status").asString())) {
			return MetricWindow.failed(query, now, "Prometheus rejected the query" + errorOf(body));
		}
		return windowOf(query, body.path("data"), now);
	}

	private static MetricWindow windowOf(PrometheusQuery query, JsonNode data, Instant now) {
		String type = data.path("resultType").asString();
		JsonNode result = data.path("result");
		if ("scalar".equals(type)) {
			return MetricWindow.of(query, datapoints(List.of(result)), now);
		}
		if (!"matrix".equals(type) && !"vector".equals(type)) {
			return MetricWindow.failed(query, now, "the query returned a " + type + ", not a number");
		}
		if (result.isEmpty()) {
			return MetricWindow.failed(query, now, "the query returned no data");
		}
		if (result.size() > 1) {
			List<String> series = new ArrayList<>();
			result.forEach((one) -> series.add(one.path("metric").toString()));
			return MetricWindow.failed(query, now, "the query returned " + result.size() + " series " + series
					+ "; a policy needs one: aggregate them, e.g. sum(...) or avg(...)");
		}
		JsonNode only = result.get(0);
		List<JsonNode> values = new ArrayList<>();
		if ("matrix".equals(type)) {
			only.path("values").forEach(values::add);
		}
		else {
			values.add(only.path("value"));
		}
		return MetricWindow.of(query, datapoints(values), now);
	}

	/**
	 * Turns {@code [seconds, "value"]} pairs into datapoints. NaN (0/0 in PromQL) and infinities are
	 * no measurement, so they are left out rather than passed to the engine.
	 */
	private static List<Datapoint> datapoints(List<JsonNode> pairs) {
		List<Datapoint> datapoints = new ArrayList<>();
		for (JsonNode pair : pairs) {
			double value = parseValue(pair.path(1).asString());
			if (Double.isFinite(value)) {
				long millis = Math.round(pair.path(0).asDouble() * 1000);
				datapoints.add(new Datapoint(Instant.ofEpochMilli(millis), value));
			}
		}
		return datapoints;
	}

	private static double parseValue(String value) {
		return switch (value) {
			case "+Inf", "-Inf", "NaN", "" -> Double.NaN;
			default -> Double.parseDouble(value);
		};
	}

	private URI uriFor(PrometheusQuery query, Duration lookback, Instant now) {
		long step = Math.max(1, query.period().toMillis());
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(this.baseUrl);
		Map<String, Object> variables = new HashMap<>();
		variables.put("query", query.query());
		if (lookback.compareTo(query.period()) < 0) {
			uri.path("/api/v1/query").queryParam("query", "{query}").queryParam("time", "{time}");
			variables.put("time", seconds(now.toEpochMilli()));
		}
		else {
			long end = Math.floorDiv(now.toEpochMilli(), step) * step;
			long start = end - Math.floorDiv(lookback.toMillis(), step) * step;
			uri.path("/api/v1/query_range")
				.queryParam("query", "{query}")
				.queryParam("start", "{start}")
				.queryParam("end", "{end}")
				.queryParam("step", "{step}");
			variables.put("start", seconds(start));
			variables.put("end", seconds(end));
			variables.put("step", seconds(step));
		}
		return uri.encode().buildAndExpand(variables).toUri();
	}

	private static String seconds(long millis) {
		return (millis % 1000 == 0) ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
	}

	private MetricWindow unreachable(PrometheusQuery query, Instant now, String error) {
		this.monitor.called(0, 1);
		this.monitor.unreachable(error);
		return MetricWindow.failed(query, now, error);
	}

	private static String errorOf(JsonNode body) {
		String error = body.path("error").asString("");
		return error.isEmpty() ? "" : ": " + error;
	}

	private static String describe(IOException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private static MetricWindow join(MetricQuery query, Future<MetricWindow> future, Instant now) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			return MetricWindow.failed(query, now, "querying Prometheus failed: " + ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return MetricWindow.failed(query, now, "interrupted while querying Prometheus");
		}
	}

	@Override
	public void close() {
		this.executor.close();
		this.client.close();
	}

}
