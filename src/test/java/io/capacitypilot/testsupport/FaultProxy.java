package io.capacitypilot.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP proxy between the AWS SDK and the emulator that fails chosen operations on demand, the
 * way AWS fails under stress: throttling, internal errors, timeouts after the work was done, and
 * connections dropped without an answer. It logs every request it receives by operation, in order,
 * with whether it reached the emulator.
 */
public final class FaultProxy implements AutoCloseable {

	private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
			"transfer-encoding", "keep-alive");

	private final URI target;

	private final HttpServer server;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final List<Rule> rules = new CopyOnWriteArrayList<>();

	private final List<Request> log = Collections.synchronizedList(new ArrayList<>());

	private FaultProxy(URI target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public static FaultProxy to(URI target) {
		try {
			return new FaultProxy(target);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fault proxy", ex);
		}
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Fails every call of an operation (such as {@code TerminateInstanceInAutoScalingGroup}) from now on. */
	public void inject(String operation, Fault fault) {
		inject(operation, "", fault);
	}

	/** Fails the calls of an operation whose request mentions a text (a group's name) from now on. */
	public void inject(String operation, String mentioning, Fault fault) {
		this.rules.add(new Rule(operation, mentioning, fault));
	}

	/** Lets every call through again. */
	public void heal() {
		this.rules.clear();
	}

	/** The requests received so far, in order. */
	public List<Request> requests() {
		synchronized (this.log) {
			return List.copyOf(this.log);
		}
	}

	/** The operations that reached the emulator and mentioned a text (an instance id), in order. */
	public List<String> forwarded(String mentioning) {
		return requests().stream()
			.filter((request) -> request.forwarded() && request.text().contains(mentioning))
			.map(Request::operation)
			.toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			String operation = operationOf(exchange, body);
			String text = URLDecoder.decode(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
			Fault fault = this.rules.stream()
				.filter((rule) -> rule.operation().equals(operation) && text.contains(rule.mentioning()))
				.map(Rule::fault)
				.findFirst()
				.orElse(null);
			boolean forwards = fault == null || fault == Fault.TIMEOUT;
			this.log.add(new Request(operation, text, accessKeyOf(exchange), forwards, fault));
			if (fault == Fault.THROTTLE) {
				respond(exchange, 400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
						+ "<Message>Rate exceeded</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>");
				return;
			}
			if (fault == Fault.SERVER_ERROR) {
				respond(exchange, 500, "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code>"
						+ "<Message>injected</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>");
				return;
			}
			if (fault == Fault.DROP) {
				// Closing the exchange without a response drops the connection.
				return;
			}
			HttpResponse<byte[]> response = forward(exchange, body);
			if (fault == Fault.TIMEOUT) {
				// The emulator did the work; the caller never hears of it.
				Thread.sleep(Fault.TIMEOUT_DELAY);
				return;
			}
			response.headers()
				.map()
				.forEach((name, values) -> {
					if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
						exchange.getResponseHeaders().put(name, values);
					}
				});
			exchange.sendResponseHeaders(response.statusCode(), (response.body().length == 0) ? -1 : response.body().length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response.body());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.target.resolve(exchange.getRequestURI().toString()))
			.timeout(Duration.ofSeconds(30))
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
		byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/xml");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** The access key id a SigV4 signature names ({@code Credential=AKID/date/region/service/...}). */
	private static String accessKeyOf(HttpExchange exchange) {
		String authorization = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), "");
		int from = authorization.indexOf("Credential=");
		return (from < 0) ? null
				: authorization.substring(from + "Credential=".length(), authorization.indexOf('/', from));
	}

	/** The Query protocol's {@code Action}, a JSON protocol's target, or else the last path segment. */
	private static String operationOf(HttpExchange exchange, byte[] body) {
		String form = new String(body, StandardCharsets.UTF_8);
		for (String pair : form.split("&")) {
			if (pair.startsWith("Action=")) {
				return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
			}
		}
		String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
		if (target != null) {
			return target.substring(target.lastIndexOf('.') + 1);
		}
		String path = exchange.getRequestURI().getPath();
		return path.substring(path.lastIndexOf('/') + 1);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private record Rule(String operation, String mentioning, Fault fault) {
	}

	/** One request the proxy received, who signed it, and what the proxy did with it. */
	public record Request(String operation, String text, String accessKeyId, boolean forwarded, Fault fault) {
	}

	public enum Fault {

		/** A 400 {@code Throttling} error, as AWS answers a caller over its rate. */
		THROTTLE,
		/** A 500 {@code InternalFailure}. */
		SERVER_ERROR,
		/** The call reaches the emulator, but its answer comes too late for any client timeout. */
		TIMEOUT,
		/** The connection is closed without an answer. */
		DROP;

		static final Duration TIMEOUT_DELAY = Duration.ofSeconds(5);

	}

}
