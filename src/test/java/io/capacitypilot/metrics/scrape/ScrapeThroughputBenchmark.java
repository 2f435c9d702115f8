package io.capacitypilot.metrics.scrape;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.capacitypilot.engine.MetricWindow;
import io.capacitypilot.engine.ScrapeQuery;
import io.capacitypilot.metrics.MetricRequest;
import io.capacitypilot.metrics.MetricSourceMonitor;
import io.capacitypilot.metrics.MicrometerEndpoint;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * How many instances the scrape source reads per second: N real HTTP servers on loopback, each
 * serving what a small Spring Boot service exposes (JVM, process and request metrics), scraped
 * through the whole source (fetch, parse, rates, aggregation) tick after tick. Not a test: it
 * prints a figure for docs/performance.md.
 * <p>
 * The servers run in the same JVM and on the same cores as the scraper. In {@code live} mode each
 * renders its Micrometer registry on every request, as an application does, and that rendering
 * (about 2 ms of CPU) is most of the work measured; {@code snapshot} mode serves the same text
 * rendered once, to measure the scraper itself.
 * <p>
 * Arguments: number of instances (default 500), measured ticks (default 20), mode ({@code live} or
 * {@code snapshot}, default {@code snapshot}).
 */
public final class ScrapeThroughputBenchmark {

	private ScrapeThroughputBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 500;
		int ticks = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		boolean live = args.length > 2 && args[2].equals("live");
		List<AutoCloseable> servers = new ArrayList<>();
		List<URI> urls = new ArrayList<>();
		try (Scraper scraper = new Scraper(Duration.ofSeconds(10), 256)) {
			for (int i = 0; i < count; i++) {
				MicrometerEndpoint instance = instrumented(MicrometerEndpoint.start());
				if (live) {
					servers.add(instance);
					urls.add(instance.url());
				}
				else {
					HttpServer snapshot = serve(instance.registry().scrape());
					instance.close();
					servers.add(() -> snapshot.stop(0));
					int port = snapshot.getAddress().getPort();
					urls.add(URI.create("http://127.0.0.1:" + port + MicrometerEndpoint.PATH));
				}
			}
			List<InstanceEndpoint> endpoints = urls.stream().map((url) -> new InstanceEndpoint(null, url)).toList();
			ScrapeMetricSource source = new ScrapeMetricSource((group) -> endpoints, scraper, Duration.ofMinutes(5),
					new MetricSourceMonitor("scrape", new SimpleMeterRegistry(), Clock.systemUTC()));
			ScrapeQuery query = new ScrapeQuery("http_server_requests_seconds_count", Map.of(), "sum",
					Duration.ofSeconds(15), "bench");
			List<MetricRequest> requests = List.of(new MetricRequest(query, Duration.ofMinutes(1)));
			Scraper.Result sample = scraper.scrape(List.of(urls.getFirst()), (name) -> true).get(urls.getFirst());
			int series = sample.samples().size();
			Instant now = Instant.now();
			for (int warmup = 0; warmup < 5; warmup++) {
				now = now.plusSeconds(15);
				source.fetch(requests, now);
			}
			long started = System.nanoTime();
			MetricWindow last = null;
			for (int tick = 0; tick < ticks; tick++) {
				now = now.plusSeconds(15);
				last = source.fetch(requests, now).get(query);
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf("%s: %d instances (%d series each), %d ticks in %.2f s: %.0f instances/s, %.0f ms/tick%n",
					live ? "live" : "snapshot", count, series, ticks, seconds, count * ticks / seconds,
					seconds * 1000 / ticks);
			System.out.println("last window: " + ((last.error() != null) ? last.error() : last.latest().orElseThrow()));
		}
		finally {
			for (AutoCloseable server : servers) {
				try {
					server.close();
				}
				catch (Exception ex) {
					// Best effort: the JVM exits next.
				}
			}
		}
	}

	/** The meters of a small web service: JVM and process metrics, and requests to a few endpoints. */
	private static MicrometerEndpoint instrumented(MicrometerEndpoint instance) {
		new JvmMemoryMetrics().bindTo(instance.registry());
		new JvmThreadMetrics().bindTo(instance.registry());
		new ClassLoaderMetrics().bindTo(instance.registry());
		new ProcessorMetrics().bindTo(instance.registry());
		for (String uri : List.of("/api/orders", "/api/orders/{id}", "/api/customers", "/actuator/health")) {
			for (String status : List.of("200", "404", "500")) {
				Timer timer = Timer.builder("http.server.requests")
					.tags("uri", uri, "status", status, "method", "GET", "outcome", "SUCCESS")
					.register(instance.registry());
				timer.record(Duration.ofMillis(12));
			}
		}
		return instance;
	}

	private static HttpServer serve(String exposition) throws IOException {
		byte[] body = exposition.getBytes(StandardCharsets.UTF_8);
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		server.createContext(MicrometerEndpoint.PATH, (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
		return server;
	}

}
