package io.capacitypilot.control.leadership;

import java.time.Duration;
import java.util.Map;

import io.capacitypilot.testsupport.EmbeddedPostgresServer;
import io.capacitypilot.testsupport.TestApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
 * and the other takes over within the lock's time to live.
 */
class TwoReplicasTests {

	private static final Duration TTL = Duration.ofSeconds(2);

	private static final Duration TAKEOVER = TTL.multipliedBy(5);

	private static final Duration FAST_INTERVAL = Duration.ofSeconds(1);

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

			first.close();
			// It let go of the lock as it stopped: the standby need not wait for the lock to expire.
			assertThat(this.database.sql("SELECT COUNT(*) FROM int_lock WHERE client_id = 'first'")
				.query(Long.class)
				.single()).isZero();
			await().atMost(TAKEOVER).until(() -> leads(second));
			await().atMost(TAKEOVER).until(() -> evaluations(secondMeters) >= 3);
			assertThat(health(second)).containsEntry("leader", true);
			assertThat(gauge(second)).isEqualTo(1);
		}
		// Every stored decision was made by one replica or the other, never by both.
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

	/** A group on the simulated fleet evaluated every second (the demo group waits ten). */
	private static void registerFastGroup(ConfigurableApplicationContext replica) {
		api(replica).post()
			.uri("/api/v1/groups")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "fast", "autoScalingGroupName", "fast", "region", "sim", "evaluationInterval",
					FAST_INTERVAL.toString(), "mode", "dry-run"))
			.retrieve()
			.toBodilessEntity();
	}

	private ConfigurableApplicationContext start(String replica) {
		return TestApplication.builder()
			.run("--server.port=0", "--spring.datasource.url=" + this.url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=", "--capacitypilot.control.tick=100ms",
					"--capacitypilot.leadership.replica-id=" + replica, "--capacitypilot.leadership.ttl=" + TTL.toMillis() + "ms",
					"--capacitypilot.leadership.heartbeat=200ms");
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

	private long count(String table) {
		return this.database.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	private static RestClient api(ConfigurableApplicationContext replica) {
		int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
		return RestClient.create("http://localhost:" + port);
	}

}
