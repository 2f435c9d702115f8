package io.capacitypilot.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The live feed ({@code /api/v1/events}) read as any client reads it: a plain HTTP stream. */
public final class EventStream implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpResponse<Stream<String>> response;

	private final Iterator<String> lines;

	private EventStream(HttpResponse<Stream<String>> response) {
		this.response = response;
		this.lines = response.body().iterator();
	}

	/** Opens the stream of the service on this port; it is connected when this returns. */
	public static EventStream open(int port) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
			.header("Accept", "text/event-stream")
			.build();
		return new EventStream(HttpClient.newHttpClient()
			.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
			.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
	}

	public HttpResponse<Stream<String>> response() {
		return this.response;
	}

	/** Reads until an event of that name whose data matches arrives (within 30 s); returns its data. */
	public JsonNode next(String name, Predicate<JsonNode> wanted) throws Exception {
		return next((event) -> event.name().equals(name) && wanted.test(event.data())).data();
	}

	/** Reads until an event that matches arrives (within 30 s). */
	public Event next(Predicate<Event> wanted) throws Exception {
		return CompletableFuture.supplyAsync(() -> read(wanted)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
	}

	private Event read(Predicate<Event> wanted) {
		String name = null;
		while (this.lines.hasNext()) {
			String line = this.lines.next();
			if (line.startsWith("event:")) {
				name = line.substring("event:".length()).trim();
			}
			else if (line.startsWith("data:") && name != null) {
				Event event = new Event(name, JSON.readTree(line.substring("data:".length())));
				if (wanted.test(event)) {
					return event;
				}
			}
			else if (line.isEmpty()) {
				name = null;
			}
		}
		throw new IllegalStateException("The stream ended before the event arrived");
	}

	@Override
	public void close() {
		this.response.body().close();
	}

	/** One named event and its JSON data. */
	public record Event(String name, JsonNode data) {
	}

}
