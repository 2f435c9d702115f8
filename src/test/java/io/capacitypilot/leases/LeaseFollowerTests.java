package io.capacitypilot.leases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a replica hears of the lease changes other replicas made: rows are written to the database as
 * another replica writes them, and this replica's follower is asked to look.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:lease-follower;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
		"capacitypilot.control.enabled=false", "capacitypilot.sim.demo-group=false",
		"capacitypilot.leases.monitor=false" })
@RecordApplicationEvents
class LeaseFollowerTests {

	private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	@Autowired
	LeaseFollower follower;

	@Autowired
	LeaseRepository leases;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@BeforeEach
	void startFollowing() {
		this.jdbc.sql("DELETE FROM lease").update();
		// The first look notes where things stand.
		this.follower.follow();
	}

	@Test
	void announcesEachChangeAnotherReplicaMadeOnce() {
		Lease taken = lease();
		this.leases.insert(taken);
		this.follower.follow();
		Lease ready = observed(taken, 3);
		assertThat(this.leases.update(taken, ready)).isTrue();
		this.follower.follow();
		this.follower.follow();
		Lease released = ready.released(NOW.plusSeconds(5));
		assertThat(this.leases.update(ready, released)).isTrue();
		this.follower.follow();
		this.follower.follow();

		assertThat(announced()).containsExactly(taken, ready, released);
	}

	@Test
	void announcesNothingOfWhatWasThereBeforeItStarted() {
		this.leases.insert(lease());
		LeaseFollower started = new LeaseFollower(this.leases, this.publisher);
		started.follow();
		started.follow();

		assertThat(announced()).isEmpty();
	}

	/** A reading that started before a change made here must not announce the lease as it was. */
	@Test
	void neverAnnouncesALeaseBackAsItWasBeforeAChangeMadeHere() {
		Lease taken = lease();
		this.leases.insert(taken);
		this.follower.follow();
		Lease ready = observed(taken, 3);
		Lease older = observed(taken, 1);
		this.follower.follow(() -> {
			List<Lease> read = List.of(older);
			// Meanwhile this replica's own monitor stores the lease ready and announces it.
			this.publisher.publishEvent(new LeaseChanged(ready));
			return read;
		});

		assertThat(announced()).containsExactly(taken, ready);
	}

	private List<Lease> announced() {
		return this.events.stream(LeaseChanged.class).map(LeaseChanged::lease).toList();
	}

	private static Lease lease() {
		return new Lease(UUID.randomUUID().toString(), "web", 3, Duration.ofMinutes(30), "load test", null,
				LeaseState.PROVISIONING, NOW, NOW.plus(Duration.ofMinutes(30)), null, null, 2, 2);
	}

	private static Lease observed(Lease lease, int healthy) {
		boolean ready = healthy >= lease.capacity();
		return new Lease(lease.id(), lease.groupName(), lease.capacity(), lease.ttl(), lease.reason(),
				lease.clientKey(), ready ? LeaseState.READY : lease.state(), lease.createdAt(), lease.expiresAt(),
				ready ? NOW.plusSeconds(1) : null, null, healthy, healthy);
	}

}
