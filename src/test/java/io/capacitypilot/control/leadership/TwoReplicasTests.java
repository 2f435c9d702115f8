package io.capacitypilot.control.leadership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.capacitypilot.testsupport.EmbeddedPostgresServer;
import io.capacitypilot.testsupport.EventStream;
import io.capacitypilot.testsupport.TestApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas on one PostgreSQL database, each with its own simulated fleet and the demo group they
 * both seed: one leads and alone evaluates groups; when it stops or loses its lock, it stops acting,
 * and the other takes over within the lock's time to live. Whichever replica a client calls, its
 * live feed and its lease waits hear of what the other did.
 */
class TwoReplicasTests {

	private static final Duration TTL = Duration.ofSeconds(2);

	private static final Duration TAKEOVER = TTL.multipliedBy(5);

	private static final Duration FAST_INTERVAL = Duration.ofSeconds(1);

	private static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shrink/0123456789abcdef";

	private String url;

	private JdbcClient database;

	@BeforeEach
	void freshDatabase() {
		this.url = EmbeddedPostgresServer.freshDatabase("two_replicas");
		this.database = JdbcClient.create(new DriverManagerDataSource(this.url, "postgres", ""));
	}

	@Test
	void theFollowerTakesOverWhenTheLeaderStops() {
		MeterRegistry firstMeters;
		MeterRegistry secondMeters;
		try (ConfigurableApplicationContext first = start("first");
				ConfigurableApplicationContext second = start("second")) {
			firstMeters = first.getBean(MeterRegistry.class);
			secondMeters = second.getBean(MeterRegistry.class);
			// The first replica started first: it leads, and the second stands by.
			await().atMost(TAKEOVER).until(() -> leads(first));
			assertThat(leads(second)).isFalse();
			assertThat(health(first)).containsEntry("leader", true).containsEntry("replica", "first");
			assertThat(health(second)).containsEntry("leader", false).containsEntry("replica", "second");
			assertThat(gauge(first)).isEqualTo(1);
			assertThat(gauge(second)).isZero();
			// Both seeded the same database: one demo group, with its one policy.
			assertThat(count("scaling_group")).isOne();
			assertThat(count("scaling_policy")).isOne();

			// A follower serves the API: the group it registers is the leader's to evaluate.
			registerFastGroup(second);
			await().atMost(TAKEOVER).until(() -> decisionsOf("fast") >= 3);
			assertThat(evaluations(firstMeters)).isGreaterThanOrEqualTo(3);
			assertThat(evaluations(secondMeters)).isZero();
			assertThat(decisionsOf(second, "fast").get(0).get("replica").asString()).isEqualTo("first");

			first.close();
			// It let go of the lock as it stopped: the standby need not wait for the lock to expire.
			assertThat(this.database.sql("SELECT COUNT(*) FROM int_lock WHERE client_id = 'first'")
				.query(Long.class)
				.single()).isZero();
			await().atMost(TAKEOVER).until(() -> leads(second));
			await().atMost(TAKEOVER).until(() -> evaluations(secondMeters) >= 3);
			assertThat(health(second)).containsEntry("leader", true);
			assertThat(gauge(second)).isEqualTo(1);
			// The decisions say which replica made them: the newest, since the failover, the new leader.
			assertThat(decisionsOf(second, "fast").get(0).get("replica").asString()).isEqualTo("second");
		}
		// Every stored decision was made by one replica or the other, never by both, and names it.
		assertThat(decisionsBy("first")).isEqualTo(evaluations(firstMeters));
		assertThat(decisionsBy("second")).isEqualTo(evaluations(secondMeters));
		assertThat(count("decision")).isEqualTo(evaluations(firstMeters) + evaluations(secondMeters));
	}

	@Test
	void aLeaderThatLosesItsLockStopsActing() {
		try (ConfigurableApplicationContext first = start("first");
				ConfigurableApplicationContext second = start("second")) {
			await().atMost(TAKEOVER).until(() -> leads(first));
			registerFastGroup(first);
			await().atMost(TAKEOVER).until(() -> decisionsOf("fast") >= 1);

			// Another holds the lock now, as if the leader's renewals had stalled beyond the time to live.
			assertThat(this.database
				.sql("UPDATE int_lock SET client_id = 'intruder', expired_after = expired_after + INTERVAL '1 hour'")
				.update()).isOne();
			await().atMost(TAKEOVER).until(() -> !leads(first));
			assertThat(leads(second)).isFalse();
			assertThat(health(first)).containsEntry("leader", false);
			long stored = count("decision");
			// The fast group is due every second: a replica that still acted would have decided by now.
			await().during(FAST_INTERVAL.multipliedBy(3)).atMost(FAST_INTERVAL.multipliedBy(4))
				.until(() -> count("decision") == stored);

			// The intruder let go: one of the two leads again, and evaluates at once.
			this.database.sql("DELETE FROM int_lock").update();
			await().atMost(TAKEOVER).until(() -> leads(first) ^ leads(second));
			await().atMost(TAKEOVER).until(() -> count("decision") > stored);
		}
	}

	@Test
	void aFollowersFeedShowsTheLeadersDecisionsAndScaleIns() throws Exception {
		try (ConfigurableApplicationContext first = start("first");
				ConfigurableApplicationContext second = start("second");
				EventStream follower = EventStream.open(port(second))) {
			await().atMost(TAKEOVER).until(() -> leads(first));
			// The simulated group starts with two instances; a maximum of one removes one, which drains
			// for two seconds before it is terminated.
			registerGroup(first, Map.of("name", "shrink", "autoScalingGroupName", "shrink", "region", "sim",
					"evaluationInterval", FAST_INTERVAL.toString(), "mode", "active", "maxCapacity", 1, "actuation",
					Map.of("registration", "controller-managed", "targetGroups", List.of(Map.of("arn", TARGET_GROUP)),
							"scaleIn", Map.of("victimSelection", "oldest", "drainTimeout", "PT2S"))));

			JsonNode started = follower.next("decision", (data) -> data.get("groupName").asString().equals("shrink")
					&& data.get("action").asString().equals("terminate-instances"));
			long id = started.get("id").asLong();
			assertThat(started.get("currentCapacity").asInt()).isEqualTo(2);
			// The follower shows the scale-in as it goes until its outcome is settled, and never as
			// finished while still in progress.
			List<JsonNode> shown = new ArrayList<>(List.of(started));
			while (shown.getLast().get("outcome").asString().equals("in-progress")) {
				assertThat(shown.getLast().get("steps").valueStream())
					.anySatisfy((step) -> assertThat(step.get("state").asString()).isNotIn("done", "failed"));
				shown.add(follower.next("decision-updated", (data) -> data.get("id").asLong() == id));
			}
			JsonNode finished = shown.getLast();
			assertThat(finished.get("outcome").asString()).isEqualTo("succeeded");
			assertThat(finished.get("steps").valueStream()).singleElement()
				.satisfies((step) -> assertThat(step.get("state").asString()).isEqualTo("done"));
			// The same payload as the API's.
			assertThat(decisionsOf(second, "shrink").valueStream().filter((item) -> item.get("id").asLong() == id))
				.containsExactly(finished);
		}
	}

	@Test
	void leaseChangesReachEveryReplica() throws Exception {
		try (ConfigurableApplicationContext first = start("first");
				ConfigurableApplicationContext second = start("second");
				EventStream leader = EventStream.open(port(first));
				EventStream follower = EventStream.open(port(second))) {
			await().atMost(TAKEOVER).until(() -> leads(first));
			registerGroup(first, Map.of("name", "leased", "autoScalingGroupName", "leased", "region", "sim",
					"evaluationInterval", FAST_INTERVAL.toString(), "mode", "active"));

			// A pipeline takes a lease above the group's two instances on the follower...
			String id = api(second).post()
				.uri("/api/v1/groups/leased/leases")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("capacity", 3, "ttl", "PT10M", "reason", "load test"))
				.retrieve()
				.body(JsonNode.class)
				.get("id")
				.asString();
			// ...which the leader's feed shows too,
			assertThat(leader.next("lease", (data) -> data.get("id").asString().equals(id)).get("state").asString())
				.isEqualTo("provisioning");
			// and waits there until the leader has scaled out and made it ready.
			JsonNode ready = api(second).get()
				.uri("/api/v1/groups/leased/leases/{id}?waitFor=ready&timeout=PT30S", id)
				.retrieve()
				.body(JsonNode.class);
			assertThat(ready.get("state").asString()).isEqualTo("ready");
			assertThat(follower.next("lease", (data) -> data.get("id").asString().equals(id)
					&& data.get("state").asString().equals("ready")).get("healthy").asInt()).isEqualTo(3);

			// Released on the follower, it ends on the leader's feed.
			api(second).delete().uri("/api/v1/groups/leased/leases/{id}", id).retrieve().toBodilessEntity();
			assertThat(leader.next("lease", (data) -> data.get("id").asString().equals(id)
					&& data.get("state").asString().equals("released"))).isNotNull();
		}
	}

	/** A group on the simulated fleet evaluated every second (the demo group waits ten). */
	private static void registerFastGroup(ConfigurableApplicationContext replica) {
		registerGroup(replica, Map.of("name", "fast", "autoScalingGroupName", "fast", "region", "sim",
				"evaluationInterval", FAST_INTERVAL.toString(), "mode", "dry-run"));
	}

	private static void registerGroup(ConfigurableApplicationContext replica, Map<String, Object> group) {
		api(replica).post()
			.uri("/api/v1/groups")
			.contentType(MediaType.APPLICATION_JSON)
			.body(group)
			.retrieve()
			.toBodilessEntity();
	}

	private static JsonNode decisionsOf(ConfigurableApplicationContext replica, String group) {
		return api(replica).get()
			.uri("/api/v1/groups/{name}/decisions", group)
			.retrieve()
			.body(JsonNode.class)
			.get("items");
	}

	private ConfigurableApplicationContext start(String replica) {
		return TestApplication.builder()
			.run("--server.port=0", "--spring.datasource.url=" + this.url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=", "--capacitypilot.control.tick=100ms",
					"--capacitypilot.leadership.replica-id=" + replica, "--capacitypilot.leadership.ttl=" + TTL.toMillis() + "ms",
					"--capacitypilot.leadership.heartbeat=200ms", "--capacitypilot.sim.boot-time=1s");
	}

	private static boolean leads(ConfigurableApplicationContext replica) {
		return replica.getBean(Leadership.class).isLeader();
	}

	private static long evaluations(MeterRegistry meters) {
		return (long) meters.find("capacitypilot.evaluations")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private static double gauge(ConfigurableApplicationContext replica) {
		return replica.getBean(MeterRegistry.class).get("capacitypilot.leader").gauge().value();
	}

	private static Map<String, Object> health(ConfigurableApplicationContext replica) {
		Map<String, Object> health = api(replica).get()
			.uri("/actuator/health/leadership")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(health).containsEntry("status", "UP");
		@SuppressWarnings("unchecked")
		Map<String, Object> details = (Map<String, Object>) health.get("details");
		return details;
	}

	private long decisionsOf(String group) {
		return this.database.sql("SELECT COUNT(*) FROM decision WHERE group_name = ?")
			.param(group)
			.query(Long.class)
			.single();
	}

	private long decisionsBy(String replica) {
		return this.database.sql("SELECT COUNT(*) FROM decision WHERE replica = ?")
			.param(replica)
			.query(Long.class)
			.single();
	}

	private long count(String table) {
		return this.database.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	private static RestClient api(ConfigurableApplicationContext replica) {
		return RestClient.create("http://localhost:" + port(replica));
	}

	private static int port(ConfigurableApplicationContext replica) {
		return ((WebServerApplicationContext) replica).getWebServer().getPort();
	}

}
