package io.capacitypilot.leases;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.capacitypilot.control.ControlLoop;
import io.capacitypilot.engine.Mode;
import io.capacitypilot.fleet.FleetTarget;
import io.capacitypilot.fleet.sim.SimulatedFleet;
import io.capacitypilot.fleet.sim.SimulationProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
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
	SimulationProperties simulation;

	/** A new group (its own name, so tests sharing the context never meet), on the simulated fleet. */
	String createGroup(Mode mode, Integer maxCapacity, boolean leasesMayRaiseMax) {
		String name = "leased-" + groups.incrementAndGet();
		api().createGroup(name, name + "-asg", "sim-1", INTERVAL, mode, maxCapacity, leasesMayRaiseMax);
		return name;
	}

	String createGroup(Mode mode, Integer maxCapacity) {
		return createGroup(mode, maxCapacity, false);
	}

	String createGroup() {
		return createGroup(Mode.ACTIVE, null);
	}

	void deleteGroup(String name) {
		api().deleteGroup(name);
	}

	FleetTarget target(String group) {
		return new FleetTarget("sim-1", group + "-asg");
	}

	/** Lets one group interval pass and lets the monitor look at the leased groups. */
	void observeFleets() {
		this.monitor.tick(this.clock.advance(INTERVAL));
	}

	/** Lets the simulated instances launched so far boot, and lets the monitor look again. */
	void bootAndObserveFleets() {
		this.monitor.tick(this.clock.advance(this.simulation.bootTime()));
	}

	Lease acquire(String group, String body, HttpStatus expected) {
		return api().acquire(group, body, expected);
	}

	Lease get(String group, String id) {
		return api().get(group, id);
	}

	Lease release(String group, String id) {
		return api().release(group, id);
	}

	static String leaseRequest(int capacity, String ttl, String clientKey) {
		return LeaseApi.leaseRequest(capacity, ttl, clientKey);
	}

	LeaseApi api() {
		return new LeaseApi(this.http);
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
