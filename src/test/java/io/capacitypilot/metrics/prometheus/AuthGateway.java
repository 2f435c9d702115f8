package io.capacitypilot.metrics.prometheus;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * An authenticating reverse proxy in front of a real Prometheus, as deployments put one (Prometheus
 * itself knows no bearer tokens or SigV4): it forwards a request only when its credentials check
 * out, else answers 401 as such gateways do.
 */
final class AuthGateway implements AutoCloseable {

	private final HttpServer server;

	private final HttpClient client = HttpClient.newHttpClient();

	private final String scheme;

	private AuthGateway(URI upstream, Predicate<HttpExchange> allowed) throws IOException {
		this(HttpServer.create(loopback(), 0), upstream, allowed);
	}

	private AuthGateway(HttpServer server, URI upstream, Predicate<HttpExchange> allowed) {
		this.server = server;
		this.scheme = (server instanceof HttpsServer) ? "https" : "http";
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				if (!allowed.test(exchange)) {
					reply(exchange, 401, "{\"status\":\"error\",\"error\":\"unauthorized\"}");
					return;
				}
				HttpRequest forward = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().getRawPath()
						+ "?" + exchange.getRequestURI().getRawQuery())).build();
				HttpResponse<String> response = this.client.send(forward, HttpResponse.BodyHandlers.ofString());
				reply(exchange, response.statusCode(), response.body());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
	}

	/** A gateway that terminates TLS with the given server certificate and lets everyone through. */
	static AuthGateway tls(URI upstream, SSLContext serverContext) throws IOException {
		HttpsServer server = HttpsServer.create(loopback(), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
		return new AuthGateway(server, upstream, (exchange) -> true);
	}

	static AuthGateway requiringHeader(URI upstream, String authorization) throws IOException {
		return new AuthGateway(upstream,
				(exchange) -> authorization.equals(exchange.getRequestHeaders().getFirst("Authorization")));
	}

	/**
	 * Checks AWS Signature Version 4 as AWS does: it signs the request it received again, with the
	 * caller's secret key and the time the caller stated, and compares the signatures.
	 */
	static AuthGateway requiringSigV4(URI upstream, AwsCredentials credentials, String region, String service)
			throws IOException {
		DateTimeFormatter amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
		AwsV4HttpSigner signer = AwsV4HttpSigner.create();
		return new AuthGateway(upstream, (exchange) -> {
			String date = exchange.getRequestHeaders().getFirst("X-Amz-Date");
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			if (date == null || authorization == null) {
				return false;
			}
			URI received = URI.create("http://" + exchange.getRequestHeaders().getFirst("Host")
					+ exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery());
			Instant signedAt = Instant.from(amzDate.parse(date));
			SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(received).build();
			String expected = signer
				.sign((sign) -> sign.identity(credentials)
					.request(request)
					.putProperty(AwsV4HttpSigner.REGION_NAME, region)
					.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
					.putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
				.request()
				.firstMatchingHeader("Authorization")
				.orElse(null);
			return Objects.equals(expected, authorization);
		});
	}

	URI url() {
		return URI.create(this.scheme + "://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private static InetSocketAddress loopback() throws IOException {
		return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.client.close();
	}

}
