package io.capacitypilot.leases;

import java.time.Instant;
import java.util.List;

import io.capacitypilot.control.LeaseFloors;
import io.capacitypilot.engine.LeaseFloor;

import org.springframework.stereotype.Component;

/**
 * The floors the control loop applies: one per active lease that has not run out at {@code now},
 * even if the sweep has not marked it expired yet. The engine lets the largest win.
 */
@Component
class ActiveLeaseFloors implements LeaseFloors {

	private final LeaseRepository leases;

	ActiveLeaseFloors(LeaseRepository leases) {
		this.leases = leases;
	}

	@Override
	public List<LeaseFloor> activeFloors(String groupName, Instant now) {
		return this.leases.findActive(groupName)
			.stream()
			.filter((lease) -> lease.expiresAt().isAfter(now))
			.map(Lease::floor)
			.toList();
	}

}
