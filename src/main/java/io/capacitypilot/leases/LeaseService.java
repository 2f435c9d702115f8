package io.capacitypilot.leases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.capacitypilot.groups.InvalidDefinitionException;
import io.capacitypilot.control.ControlLoop;
import io.capacitypilot.engine.FleetState;
import io.capacitypilot.fleet.Fleet;
import io.capacitypilot.groups.GroupCatalog;
import io.capacitypilot.groups.GroupDeleted;
import io.capacitypilot.groups.ManagedGroup;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Acquires, observes, expires and releases leases. Every change is stored first, then announced
 * ({@link LeaseChanged}); a change that adds or removes a floor also asks the control loop to
 * evaluate the group at once rather than at its next interval.
 */
@Service
public class LeaseService {

	private final LeaseRepository leases;

	private final GroupCatalog groups;

	private final Fleet fleet;

	private final ControlLoop controlLoop;

	private final ApplicationEventPublisher events;

	private final LeaseProperties properties;

	private final Clock clock;

	LeaseService(LeaseRepository leases, GroupCatalog groups, Fleet fleet, ControlLoop controlLoop,
			ApplicationEventPublisher events, LeaseProperties properties, Clock clock) {
		this.leases = leases;
		this.groups = groups;
		this.fleet = fleet;
		this.controlLoop = controlLoop;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Acquires a lease, or answers the one the client already holds under the same key.
	 * @throws org.springframework.web.ErrorResponseException 404 for an unknown group, 400 for a
	 * time to live out of range, 409 for a capacity above the group's maximum
	 */
	public Acquired acquire(String groupName, LeaseRequest request) {
		ManagedGroup group = this.groups.findGroup(groupName).orElseThrow(() -> LeaseProblems.noSuchGroup(groupName));
		checkTtl(request.ttl());
		if (request.clientKey() != null) {
			Optional<Lease> held = this.leases.findByClientKey(groupName, request.clientKey());
			if (held.isPresent()) {
				return new Acquired(current(held.get()), false);
			}
		}
		FleetState state = describe(group);
		int maximum = maximumOf(group, state);
		if (request.capacity() > maximum && !group.leasesMayRaiseMax()) {
			throw LeaseProblems.aboveMaximum(groupName, request.capacity(), maximum);
		}
		Lease lease = Lease.create(UUID.randomUUID().toString(), groupName, request.capacity(), request.ttl(),
				request.reason(), request.clientKey(), state, this.clock.instant());
		try {
			this.leases.insert(lease);
		}
		catch (DuplicateKeyException ex) {
			// A concurrent request with the same key stored its lease first: that one is the lease.
			Lease winner = this.leases.findByClientKey(groupName, request.clientKey()).orElseThrow(() -> ex);
			return new Acquired(current(winner), false);
		}
		announce(lease, true);
		return new Acquired(lease, true);
	}

	/** The lease as it stands now (an active lease past its time is expired on the way). */
	public Optional<Lease> find(String groupName, String id) {
		return this.leases.findById(groupName, id).map(this::current);
	}

	/** The leases with these ids as they stand now, in any group. */
	List<Lease> findAll(Collection<String> ids) {
		return this.leases.findAllById(ids).stream().map(this::current).toList();
	}

	/** The group's active leases and those that ended recently, newest first. */
	public List<Lease> list(String groupName) {
		Instant since = this.clock.instant().minus(this.properties.recent());
		return this.leases.findRecent(groupName, since)
			.stream()
			.map(this::current)
			.filter((lease) -> lease.state().active() || !lease.endedAt().isBefore(since))
			.toList();
	}

	/** Releases a lease; one that already ended is answered as it ended. */
	public Optional<Lease> release(String groupName, String id) {
		Instant now = this.clock.instant();
		return this.leases.findById(groupName, id).map((lease) -> change(lease, (l) -> l.at(now).released(now)));
	}

	/**
	 * Reads the group's fleet and records what it shows on the group's active leases: counts, and
	 * readiness.
	 */
	void observe(ManagedGroup group, Instant now) {
		List<Lease> active = this.leases.findActive(group.name());
		if (active.isEmpty()) {
			return;
		}
		FleetState state = describe(group);
		for (Lease lease : active) {
			change(lease, (l) -> l.at(now).observed(state, now));
		}
	}

	/** Expires every active lease whose time has run out; returns the active leases as they were read. */
	List<Lease> expireDue(Instant now) {
		List<Lease> active = this.leases.findActive();
		for (Lease lease : active) {
			change(lease, (l) -> l.at(now));
		}
		return active;
	}

	/** The names of the groups that hold active leases. */
	List<String> leasedGroups() {
		return this.leases.findActive().stream().map(Lease::groupName).distinct().toList();
	}

	@EventListener
	void groupDeleted(GroupDeleted deleted) {
		releaseAll(deleted.name());
	}

	/** Releases every active lease of a group: the group is gone, so are its floors. */
	void releaseAll(String groupName) {
		Instant now = this.clock.instant();
		for (Lease lease : this.leases.findActive(groupName)) {
			change(lease, (l) -> l.released(now));
		}
	}

	private Lease current(Lease lease) {
		Instant now = this.clock.instant();
		return change(lease, (l) -> l.at(now));
	}

	/**
	 * Applies a change and stores it if it changed anything. Another writer (the monitor, a release,
	 * another replica) may have changed the row since it was read: then the change is applied again
	 * to what is stored now.
	 */
	private Lease change(Lease lease, UnaryOperator<Lease> change) {
		Lease current = lease;
		while (true) {
			Lease next = change.apply(current);
			if (next.equals(current)) {
				return current;
			}
			if (this.leases.update(current, next)) {
				announce(next, next.state() != current.state());
				return next;
			}
			current = this.leases.findById(current.groupName(), current.id()).orElseThrow();
		}
	}

	private void announce(Lease lease, boolean floorChanged) {
		if (floorChanged) {
			this.controlLoop.reschedule(lease.groupName());
		}
		this.events.publishEvent(new LeaseChanged(lease));
	}

	private void checkTtl(Duration ttl) {
		if (ttl.isNegative() || ttl.isZero()) {
			throw InvalidDefinitionException.of("ttl", "must be positive");
		}
		if (ttl.compareTo(this.properties.maxTtl()) > 0) {
			throw InvalidDefinitionException.of("ttl", "must be at most " + this.properties.maxTtl());
		}
	}

	private FleetState describe(ManagedGroup group) {
		try {
			return this.fleet.describe(group.target());
		}
		catch (RuntimeException ex) {
			throw LeaseProblems.fleetUnreadable(group.name(), ex);
		}
	}

	/** The group's own maximum tightens the ASG's; a group maximum above the ASG's cannot be reached. */
	private static int maximumOf(ManagedGroup group, FleetState state) {
		return (group.maxCapacity() != null) ? Math.min(group.maxCapacity(), state.maxSize()) : state.maxSize();
	}

	/** A lease and whether this request created it (or the client already held it under its key). */
	public record Acquired(Lease lease, boolean created) {
	}

}
