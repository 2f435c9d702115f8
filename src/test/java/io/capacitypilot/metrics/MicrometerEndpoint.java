package io.capacitypilot.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A Micrometer-instrumented application as far as metric sources can tell: a real HTTP server
 * answering {@code /actuator/prometheus} with what a {@link PrometheusMeterRegistry} exposes, as
 * Spring Boot's actuator does.
 */
public final class MicrometerEndpoint implements AutoCloseable {

	public static final String PATH = "/actuator/prometheus";

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final HttpServer server;

	private MicrometerEndpoint(HttpServer server) {
		this.server = server;
		server.createContext(PATH, (exchange) -> {
			byte[] body = this.registry.scrape().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
	}

	/** Starts on a free port of 127.0.0.1. */
	public static MicrometerEndpoint start() throws IOException {
		return start("127.0.0.1", 0);
	}

	/** Starts on the given loopback address (anything in 127.0.0.0/8 on Linux) and port (0: any). */
	public static MicrometerEndpoint start(String address, int port) throws IOException {
		InetSocketAddress socket = new InetSocketAddress(InetAddress.getByName(address), port);
		return new MicrometerEndpoint(HttpServer.create(socket, 0));
	}

	public PrometheusMeterRegistry registry() {
		return this.registry;
	}

	public String host() {
		return this.server.getAddress().getAddress().getHostAddress();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public URI url() {
		return URI.create("http://" + host() + ":" + port() + PATH);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.registry.close();
	}

}
