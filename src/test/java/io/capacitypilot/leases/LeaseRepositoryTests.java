package io.capacitypilot.leases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import io.capacitypilot.testsupport.FreshSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The lease table and its repository, on each database the service runs on (one migration for both). */
abstract class LeaseRepositoryTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123Z");

	private static final FleetState TWO_SERVING = new FleetState(1, 20, 2,
			List.of(instance("i-1", true), instance("i-2", true), instance("i-3", false)), false);

	private LeaseRepository leases;

	private JdbcClient jdbc;

	protected abstract DataSource dataSource();

	@BeforeEach
	void migrate() {
		this.jdbc = JdbcClient.create(FreshSchema.on(dataSource()));
		this.leases = new LeaseRepository(this.jdbc);
	}

	@Test
	void aStoredLeaseReadsBackEqual() {
		Lease lease = lease("web", 3, "run-1");
		this.leases.insert(lease);
		assertThat(this.leases.findById("web", lease.id())).contains(lease);
		assertThat(this.leases.findByClientKey("web", "run-1")).contains(lease);
		assertThat(this.leases.findById("other", lease.id())).isEmpty();
		assertThat(this.leases.findAllById(List.of(lease.id(), "unknown"))).containsExactly(lease);
		assertThat(this.leases.findAllById(List.of())).isEmpty();
		assertThat(lease).extracting(Lease::inService, Lease::healthy).containsExactly(3, 2);
	}

	@Test
	void aClientKeyIsUniqueWithinItsGroupOnly() {
		this.leases.insert(lease("web", 3, "run-1"));
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.leases.insert(lease("web", 4, "run-1")));
		this.leases.insert(lease("api", 3, "run-1"));
		this.leases.insert(lease("web", 3, null));
		this.leases.insert(lease("web", 3, null));
		assertThat(this.leases.findActive("web")).hasSize(3);
	}

	@Test
	void anUpdateAppliesOnlyToTheRowAsItWasRead() {
		Lease lease = lease("web", 2, null);
		this.leases.insert(lease);
		Lease ready = lease.observed(TWO_SERVING, NOW.plusSeconds(10));
		assertThat(ready.state()).isEqualTo(LeaseState.READY);
		Lease released = lease.released(NOW.plusSeconds(5));
		assertThat(this.leases.update(lease, released)).isTrue();
		assertThat(this.leases.update(lease, ready)).as("the release came first").isFalse();
		assertThat(this.leases.findById("web", lease.id())).contains(released);
	}

	@Test
	void activeAndRecentLeases() {
		Lease active = lease("web", 2, null);
		Lease releasedLongAgo = lease("web", 2, null);
		Lease otherGroup = lease("api", 2, null);
		for (Lease lease : List.of(active, releasedLongAgo, otherGroup)) {
			this.leases.insert(lease);
		}
		this.leases.update(releasedLongAgo, releasedLongAgo.released(NOW.minus(Duration.ofDays(3))));
		assertThat(this.leases.findActive()).containsExactlyInAnyOrder(active, otherGroup);
		assertThat(this.leases.findActive("web")).containsExactly(active);
		assertThat(this.leases.findRecent("web", NOW.minus(Duration.ofDays(1)))).containsExactly(active);
		assertThat(this.leases.findRecent("web", NOW.minus(Duration.ofDays(4)))).hasSize(2);
	}

	private static Lease lease(String group, int capacity, String clientKey) {
		return Lease.create(UUID.randomUUID().toString(), group, capacity, Duration.ofMinutes(30), "load test",
				clientKey, TWO_SERVING, NOW);
	}

	private static Instance instance(String id, boolean healthy) {
		return new Instance(id, "eu-west-1a", LifecycleState.IN_SERVICE, healthy, false, NOW.minusSeconds(600));
	}

}
