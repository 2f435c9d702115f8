package io.capacitypilot.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:live-feed;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"capacitypilot.dashboard.heartbeat=200ms" })
class LiveFeedTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	LiveFeed feed;

	@Test
	void streamsEachStoredDecisionAsAnEvent() throws Exception {
		HttpResponse<Stream<String>> response = openStream();
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		addActiveGroup("feed-web");
		Iterator<String> lines = response.body().iterator();
		JsonNode decision = CompletableFuture.supplyAsync(() -> nextDecision(lines, "feed-web"))
			.get(30, TimeUnit.SECONDS);
		assertThat(decision.get("id").asLong()).isPositive();
		assertThat(decision.get("action").asString()).isEqualTo("none");
		assertThat(decision.get("summary").asString()).startsWith("kept desired capacity");
		assertThat(decision.get("detail").isObject()).isTrue();
		response.body().close();
	}

	@Test
	void forgetsStreamsWhoseClientWentAway() throws Exception {
		int before = this.feed.size();
		HttpResponse<Stream<String>> response = openStream();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.feed.size() == before + 1);
		response.body().close();
		// The next heartbeat fails to write to the closed connection and drops the stream.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.feed.size() == before);
	}

	private HttpResponse<Stream<String>> openStream() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/events"))
			.header("Accept", "text/event-stream")
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
	}

	/** Reads the stream until a {@code decision} event of the group arrives; returns its data. */
	private JsonNode nextDecision(Iterator<String> lines, String group) {
		String event = null;
		while (lines.hasNext()) {
			String line = lines.next();
			if (line.startsWith("event:")) {
				event = line.substring("event:".length()).trim();
			}
			else if (line.startsWith("data:") && "decision".equals(event)) {
				JsonNode data = this.json.readTree(line.substring("data:".length()));
				if (group.equals(data.get("groupName").asString())) {
					return data;
				}
			}
			else if (line.isEmpty()) {
				event = null;
			}
		}
		throw new IllegalStateException("The stream ended before a decision of " + group + " arrived");
	}

	private void addActiveGroup(String name) {
		OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
		this.jdbc.sql("""
				INSERT INTO scaling_group (name, auto_scaling_group_name, region, min_capacity, max_capacity,
				    evaluation_interval_ms, mode, created_at, updated_at)
				VALUES (?, ?, 'us-east-1', 1, 10, 1000, 'ACTIVE', ?, ?)""")
			.params(name, name, now, now)
			.update();
	}

}
