package io.capacitypilot.dashboard;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.capacitypilot.testsupport.EventStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The live feed read as any client reads it: a plain HTTP stream from the running service. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:live-feed;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"capacitypilot.control.tick=200ms", "capacitypilot.dashboard.heartbeat=200ms",
				"capacitypilot.dashboard.backlog=8" })
class LiveFeedTests {

	private static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shrink-web/0123456789abcdef";

	@LocalServerPort
	int port;

	@Autowired
	LiveFeed feed;

	@Test
	void streamsEachStoredDecisionAsAnEvent() throws Exception {
		try (EventStream stream = EventStream.open(this.port)) {
			assertThat(stream.response().headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			createGroup("feed-web", "active");
			JsonNode decision = stream.next("decision", (data) -> data.get("groupName").asString().equals("feed-web"));
			assertThat(decision.get("id").asLong()).isPositive();
			assertThat(decision.get("mode").asString()).isEqualTo("active");
			assertThat(decision.get("action").asString()).isEqualTo("none");
			assertThat(decision.get("summary").asString()).isNotBlank();
			assertThat(decision.get("detail").isObject()).isTrue();
		}
	}

	/** A scale-in is streamed as it starts, then again as its victim leaves, until its outcome is final. */
	@Test
	void streamsAScaleInAsItsVictimsLeave() throws Exception {
		try (EventStream stream = EventStream.open(this.port)) {
			// The simulated group starts with two instances; the group's maximum of one removes one, which
			// drains for at most a second before it is terminated.
			api().post()
				.uri("/api/v1/groups")
				.body(Map.of("name", "shrink-web", "autoScalingGroupName", "shrink-web", "region", "us-east-1",
						"evaluationInterval", "PT1S", "mode", "active", "maxCapacity", 1, "actuation",
						Map.of("registration", "controller-managed", "targetGroups", List.of(Map.of("arn", TARGET_GROUP)),
								"scaleIn", Map.of("victimSelection", "oldest", "drainTimeout", "PT1S"))))
				.retrieve()
				.toBodilessEntity();
			JsonNode started = stream.next("decision", (data) -> data.get("groupName").asString().equals("shrink-web")
					&& data.get("action").asString().equals("terminate-instances"));
			assertThat(started.get("outcome").asString()).isEqualTo("in-progress");
			assertThat(started.get("steps").valueStream()).singleElement()
				.satisfies((step) -> assertThat(step.get("state").asString()).isEqualTo("draining"));
			long id = started.get("id").asLong();

			JsonNode finished = stream.next("decision-updated", (data) -> data.get("id").asLong() == id);
			assertThat(finished.get("outcome").asString()).isEqualTo("succeeded");
			assertThat(finished.get("steps").valueStream()).singleElement().satisfies((step) -> {
				assertThat(step.get("instanceId")).isEqualTo(started.get("steps").get(0).get("instanceId"));
				assertThat(step.get("state").asString()).isEqualTo("done");
			});
		}
	}

	@Test
	void streamsLeaseChanges() throws Exception {
		createGroup("lease-web", "paused");
		try (EventStream stream = EventStream.open(this.port)) {
			String id = api().post()
				.uri("/api/v1/groups/lease-web/leases")
				.body(Map.of("capacity", 3, "ttl", "PT10M", "reason", "load test"))
				.retrieve()
				.body(JsonNode.class)
				.get("id")
				.asString();
			JsonNode lease = stream.next("lease", (data) -> data.get("id").asString().equals(id));
			assertThat(lease.get("groupName").asString()).isEqualTo("lease-web");
			assertThat(lease.get("capacity").asInt()).isEqualTo(3);
			assertThat(lease.get("reason").asString()).isEqualTo("load test");
		}
	}

	@Test
	void forgetsStreamsWhoseClientWentAway() throws Exception {
		awaitStreamsOfEarlierTestsGone();
		EventStream stream = EventStream.open(this.port);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.feed.size() == 1);
		stream.close();
		// The next heartbeat fails to write to the closed connection and drops the stream.
		await().atMost(Duration.ofSeconds(30)).until(() -> this.feed.size() == 0);
	}

	/** A client that asks for the stream and never reads it must cost the publisher nothing. */
	@Test
	void dropsAClientThatStopsReadingWithoutHoldingUpThePublisher() throws Exception {
		awaitStreamsOfEarlierTestsGone();
		try (Socket stalled = new Socket("localhost", this.port)) {
			stalled.setReceiveBufferSize(1024);
			stalled.getOutputStream()
				.write(("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			await().atMost(Duration.ofSeconds(30)).until(() -> this.feed.size() == 1);
			String page = "x".repeat(64 * 1024);
			// Publish until the socket buffers and the backlog are full and the client is dropped. Were
			// publishing to block on the stalled socket, it would hang until the server's write
			// timeout (20 s) and fail here.
			assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
				while (this.feed.size() > 0 && !Thread.currentThread().isInterrupted()) {
					this.feed.publish("filler", Map.of("page", page));
				}
			});
		}
	}

	/**
	 * Streams earlier tests closed are dropped at the next heartbeat, so one may still be counted now and
	 * go while this test waits for its own: the tests that count streams start once they are gone.
	 */
	private void awaitStreamsOfEarlierTestsGone() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.feed.size() == 0);
	}

	private void createGroup(String name, String mode) {
		api().post()
			.uri("/api/v1/groups")
			.body(Map.of("name", name, "autoScalingGroupName", name, "region", "us-east-1", "evaluationInterval",
					"PT1S", "mode", mode))
			.retrieve()
			.toBodilessEntity();
	}

	private RestClient api() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
