package io.capacitypilot.leases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LifecycleState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lease's own rules: when it is ready, when it has ended, and that an ended lease stays ended. */
class LeaseTests {

	private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");

	private static final Instant LATER = CREATED.plusSeconds(60);

	@Test
	void onlyInstancesInServiceAndHealthyCountAsServing() {
		FleetState fleet = fleet(instance(LifecycleState.IN_SERVICE, true), instance(LifecycleState.IN_SERVICE, false),
				instance(LifecycleState.PENDING, true), instance(LifecycleState.TERMINATING, true));
		Lease lease = Lease.create("l-1", "web", 2, Duration.ofMinutes(30), null, null, fleet, CREATED);
		assertThat(lease).extracting(Lease::state, Lease::inService, Lease::healthy)
			.containsExactly(LeaseState.PROVISIONING, 2, 1);
	}

	@Test
	void readyOnceTheLeasedCapacityServesAndReadyStays() {
		Lease lease = Lease.create("l-1", "web", 3, Duration.ofMinutes(30), null, null, serving(2), CREATED);
		Lease ready = lease.observed(serving(3), LATER);
		assertThat(ready).extracting(Lease::state, Lease::readyAt, Lease::healthy)
			.containsExactly(LeaseState.READY, LATER, 3);
		Lease fewer = ready.observed(serving(2), LATER.plusSeconds(10));
		assertThat(fewer).extracting(Lease::state, Lease::readyAt, Lease::healthy)
			.containsExactly(LeaseState.READY, LATER, 2);
	}

	@Test
	void aLeaseExpiresAtItsExpiryNotBefore() {
		Lease lease = Lease.create("l-1", "web", 3, Duration.ofMinutes(30), null, null, serving(2), CREATED);
		assertThat(lease.expiresAt()).isEqualTo(CREATED.plus(Duration.ofMinutes(30)));
		assertThat(lease.at(lease.expiresAt().minusMillis(1))).isEqualTo(lease);
		Lease expired = lease.at(lease.expiresAt());
		assertThat(expired.state()).isEqualTo(LeaseState.EXPIRED);
		assertThat(expired.endedAt()).isEqualTo(lease.expiresAt());
	}

	@Test
	void anEndedLeaseStaysAsItEnded() {
		Lease released = Lease.create("l-1", "web", 3, Duration.ofMinutes(30), null, null, serving(2), CREATED)
			.released(LATER);
		assertThat(released).extracting(Lease::state, Lease::releasedAt, Lease::endedAt)
			.containsExactly(LeaseState.RELEASED, LATER, LATER);
		assertThat(released.released(LATER.plusSeconds(5))).isEqualTo(released);
		assertThat(released.observed(serving(3), LATER.plusSeconds(5))).isEqualTo(released);
		assertThat(released.at(CREATED.plus(Duration.ofHours(1)))).isEqualTo(released);
	}

	@Test
	void timesAreKeptToTheMillisecondAsStored() {
		Instant precise = Instant.parse("2026-11-23T10:00:00.123456789Z");
		Lease lease = Lease.create("l-1", "web", 3, Duration.ofMinutes(30), null, null, serving(2), precise);
		assertThat(lease.createdAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123Z"));
		assertThat(lease.expiresAt()).isEqualTo(Instant.parse("2026-11-23T10:30:00.123Z"));
	}

	private static FleetState serving(int count) {
		List<Instance> instances = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			instances.add(instance(LifecycleState.IN_SERVICE, true));
		}
		return fleet(instances.toArray(Instance[]::new));
	}

	private static FleetState fleet(Instance... instances) {
		return new FleetState(1, 10, instances.length, List.of(instances), false);
	}

	private static Instance instance(LifecycleState lifecycle, boolean healthy) {
		return new Instance("i-" + System.nanoTime(), "eu-west-1a", lifecycle, healthy, false, CREATED);
	}

}
