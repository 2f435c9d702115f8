package io.capacitypilot.leases;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.capacitypilot.engine.FleetState;
import io.capacitypilot.engine.Instance;
import io.capacitypilot.engine.LeaseFloor;
import io.capacitypilot.engine.LifecycleState;

/**
 * A temporary capacity floor on a group, held for a CI pipeline (or anyone) until it expires or is
 * released.
 *
 * @param capacity how many instances must serve
 * @param clientKey the holder's idempotency key, or {@code null}
 * @param readyAt when the leased capacity was first seen serving, or {@code null}
 * @param releasedAt when it was released, or {@code null}
 * @param inService how many of the group's instances were InService when last observed
 * @param healthy how many of those were also healthy (in every target group): they serve
 */
public record Lease(String id, String groupName, int capacity, Duration ttl, String reason, String clientKey,
		LeaseState state, Instant createdAt, Instant expiresAt, Instant readyAt, Instant releasedAt, int inService,
		int healthy) {

	/** Times are kept to the millisecond, as stored, so a lease read back equals the one written. */
	public Lease {
		createdAt = millis(createdAt);
		expiresAt = millis(expiresAt);
		readyAt = millis(readyAt);
		releasedAt = millis(releasedAt);
	}

	static Lease create(String id, String groupName, int capacity, Duration ttl, String reason, String clientKey,
			FleetState fleet, Instant now) {
		return new Lease(id, groupName, capacity, ttl, reason, clientKey, LeaseState.PROVISIONING, now, now.plus(ttl),
				null, null, 0, 0)
			.observed(fleet, now);
	}

	/**
	 * The lease after a look at its group's fleet: new counts, and {@code ready} once enough
	 * instances serve. Ready stays ready: the pipeline was told to go, and the floor keeps the
	 * capacity up if an instance is replaced.
	 */
	Lease observed(FleetState fleet, Instant now) {
		if (!this.state.active()) {
			return this;
		}
		int inService = (int) fleet.instances()
			.stream()
			.filter((instance) -> instance.lifecycle() == LifecycleState.IN_SERVICE)
			.count();
		int healthy = (int) fleet.instances().stream().filter(Instance::serving).count();
		boolean nowReady = this.state == LeaseState.PROVISIONING && healthy >= this.capacity;
		return new Lease(this.id, this.groupName, this.capacity, this.ttl, this.reason, this.clientKey,
				nowReady ? LeaseState.READY : this.state, this.createdAt, this.expiresAt, nowReady ? now : this.readyAt,
				this.releasedAt, inService, healthy);
	}

	/** The lease as it stands at {@code now}: an active lease past its time has expired. */
	Lease at(Instant now) {
		if (this.state.active() && !this.expiresAt.isAfter(now)) {
			return withState(LeaseState.EXPIRED, null);
		}
		return this;
	}

	/** The lease released at {@code now}; a lease that already ended stays as it ended. */
	Lease released(Instant now) {
		return this.state.active() ? withState(LeaseState.RELEASED, now) : this;
	}

	/** When an ended lease ended; {@code null} while it is active. */
	Instant endedAt() {
		return switch (this.state) {
			case PROVISIONING, READY -> null;
			case EXPIRED -> this.expiresAt;
			case RELEASED -> this.releasedAt;
		};
	}

	LeaseFloor floor() {
		return new LeaseFloor(this.id, this.capacity, this.expiresAt);
	}

	private static Instant millis(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MILLIS) : null;
	}

	private Lease withState(LeaseState newState, Instant newReleasedAt) {
		return new Lease(this.id, this.groupName, this.capacity, this.ttl, this.reason, this.clientKey, newState,
				this.createdAt, this.expiresAt, this.readyAt, newReleasedAt, this.inService, this.healthy);
	}

}
