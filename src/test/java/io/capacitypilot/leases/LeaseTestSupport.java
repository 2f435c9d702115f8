package io.capacitypilot.leases;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import io.capacitypilot.control.ControlLoop;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.sim.SimulatedFleet;
import io.capacitypilot.groups.GroupDeleted;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The running application on a random port with the simulated fleet and a clock the tests move.
 * Neither the control loop nor the lease monitor runs by itself: tests drive their ticks, so every
 * step happens when the test says. All lease tests share this one context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:leases;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "capacitypilot.control.enabled=false",
				"capacitypilot.leases.monitor=false" })
@AutoConfigureRestTestClient
@Import(LeaseTestSupport.TestClock.class)
abstract class LeaseTestSupport {

	/** The evaluation interval of the groups the tests create. */
	static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final AtomicInteger groups = new AtomicInteger();

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	LeaseMonitor monitor;

	@Autowired
	ControlLoop controlLoop;

	@Autowired
	SimulatedFleet fleet;

	@Autowired
	ApplicationEventPublisher events;

	/** A new group (its own name, so tests sharing the context never meet), on the simulated fleet. */
	String createGroup(Mode mode, Integer maxCapacity) {
		String name = "leased-" + groups.incrementAndGet();
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		this.jdbc.sql("""
				INSERT INTO scaling_group (name, auto_scaling_group_name, region, min_capacity, max_capacity,
				    evaluation_interval_ms, mode, created_at, updated_at)
				VALUES (?, ?, 'sim-1', NULL, ?, ?, ?, ?, ?)""")
			.params(name, name + "-asg", maxCapacity, INTERVAL.toMillis(), mode.name(), now, now)
			.update();
		return name;
	}

	String createGroup() {
		return createGroup(Mode.ACTIVE, null);
	}

	/**
	 * Deletes a group as the groups API does: the row goes, then {@link GroupDeleted} is published.
	 * TODO: call DELETE /api/v1/groups/{name} once the groups API is merged.
	 */
	void deleteGroup(String name) {
		this.jdbc.sql("DELETE FROM scaling_group WHERE name = ?").param(name).update();
		this.events.publishEvent(new GroupDeleted(name));
	}

	FleetTarget target(String group) {
		return new FleetTarget("sim-1", group + "-asg");
	}

	/** Lets one group interval pass and lets the monitor look at the leased groups. */
	void observeFleets() {
		this.monitor.tick(this.clock.advance(INTERVAL));
	}

	Lease acquire(String group, String body, HttpStatus expected) {
		return this.http.post()
			.uri("/api/v1/groups/{name}/leases", group)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isEqualTo(expected)
			.expectBody(Lease.class)
			.returnResult()
			.getResponseBody();
	}

	Lease get(String group, String id) {
		return this.http.get()
			.uri("/api/v1/groups/{name}/leases/{id}", group, id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Lease.class)
			.returnResult()
			.getResponseBody();
	}

	Lease release(String group, String id) {
		return this.http.delete()
			.uri("/api/v1/groups/{name}/leases/{id}", group, id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Lease.class)
			.returnResult()
			.getResponseBody();
	}

	static String leaseRequest(int capacity, String ttl, String clientKey) {
		return """
				{"capacity": %d, "ttl": "%s", "reason": "load test"%s}""".formatted(capacity, ttl,
				(clientKey != null) ? ", \"clientKey\": \"" + clientKey + "\"" : "");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

}
