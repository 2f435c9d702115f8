package io.capacitypilot.leases;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.capacitypilot.control.leadership.Leadership;
import io.capacitypilot.groups.GroupCatalog;
import io.capacitypilot.groups.ManagedGroup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps leases true to the clock and the fleet: expires leases whose time ran out, and reads the
 * fleet of every leased group at the group's evaluation interval, so that a lease turns ready once
 * its instances serve. Only groups with active leases cost a fleet read. That is the leader's work;
 * every replica hears of the changes other replicas made ({@link LeaseFollower}) and tells the
 * clients waiting on it.
 */
@Component
class LeaseMonitor {

	private static final Log logger = LogFactory.getLog(LeaseMonitor.class);

	private final LeaseService leases;

	private final LeaseWatchers watchers;

	private final LeaseFollower follower;

	private final GroupCatalog groups;

	private final LeaseProperties properties;

	private final Leadership leadership;

	private final Clock clock;

	private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();

	LeaseMonitor(LeaseService leases, LeaseWatchers watchers, LeaseFollower follower, GroupCatalog groups,
			LeaseProperties properties, Leadership leadership, Clock clock) {
		this.leases = leases;
		this.watchers = watchers;
		this.follower = follower;
		this.groups = groups;
		this.properties = properties;
		this.leadership = leadership;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${capacitypilot.leases.tick:1s}")
	void scheduledTick() {
		if (!this.properties.monitor()) {
			return;
		}
		if (this.leadership.isLeader()) {
			tick(this.clock.instant());
		}
		else {
			this.nextDue.clear();
			this.follower.follow();
			tellWatchers();
		}
	}

	synchronized void tick(Instant now) {
		// The expiry reads every active lease anyway: what followers changed shows in that reading.
		this.follower.follow(() -> this.leases.expireDue(now));
		tellWatchers();
		for (String name : this.leases.leasedGroups()) {
			Optional<ManagedGroup> group = this.groups.findGroup(name);
			if (group.isEmpty()) {
				// Deleted without its event reaching us (another replica, a restart in between).
				this.leases.releaseAll(name);
				continue;
			}
			Instant next = this.nextDue.get(name);
			if (next == null || !next.isAfter(now)) {
				this.nextDue.put(name, now.plus(group.get().evaluationInterval()));
				observe(group.get(), now);
			}
		}
	}

	/** Another replica may have changed a lease someone waits on here: its event stayed there. */
	private void tellWatchers() {
		this.leases.findAll(this.watchers.watched()).forEach(this.watchers::tell);
	}

	private void observe(ManagedGroup group, Instant now) {
		try {
			this.leases.observe(group, now);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not observe the fleet of group '" + group.name() + "' for its leases", ex);
		}
	}

}
