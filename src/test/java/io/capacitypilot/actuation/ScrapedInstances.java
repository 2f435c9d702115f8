package io.capacitypilot.actuation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.capacitypilot.metrics.MicrometerEndpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The Micrometer endpoints of emulated instances. The emulator's instances have private IPs nothing
 * listens on, so one real HTTP server on loopback stands in for all of them, each instance at
 * {@code /{instanceId}/actuator/prometheus} with a registry of its own — reached through the
 * address template {@link #ADDRESS_TEMPLATE}, as a NAT or a sidecar would be. An instance that
 * reports nothing answers 404.
 */
final class ScrapedInstances implements AutoCloseable {

	static final String ADDRESS_TEMPLATE = "http://127.0.0.1:{port}/{instanceId}{path}";

	private final Map<String, PrometheusMeterRegistry> registries = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();

	private final HttpServer server;

	private ScrapedInstances(HttpServer server) {
		this.server = server;
		server.createContext("/", this::serve);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
	}

	static ScrapedInstances start() throws IOException {
		return new ScrapedInstances(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** From now on the instance has this many busy workers (the gauge {@code worker_busy}). */
	void busy(String instanceId, int workers) {
		this.busy.computeIfAbsent(instanceId, (id) -> {
			AtomicInteger gauge = new AtomicInteger();
			PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
			Gauge.builder("worker.busy", gauge, AtomicInteger::get).register(registry);
			this.registries.put(id, registry);
			return gauge;
		}).set(workers);
	}

	private void serve(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		int end = path.indexOf('/', 1);
		PrometheusMeterRegistry registry = (end > 0 && path.substring(end).equals(MicrometerEndpoint.PATH))
				? this.registries.get(path.substring(1, end)) : null;
		if (registry == null) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.registries.values().forEach(PrometheusMeterRegistry::close);
	}

}
